package dev.osoj.internal.polar;

import static dev.osoj.internal.polar.RejectionCasesTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osoj.PolicyValidationException;
import dev.osoj.internal.program.Program;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The optional strict typing mode of polar.md §3.4. */
class StrictTypingTest {
  private static Program strict(String text) {
    return PolicyLoader.load(List.of(new PolicySource("policy.polar", text)), Typing.STRICT);
  }

  @ParameterizedTest(name = "policy {0}")
  @ValueSource(strings = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"})
  void strict_workedExamples_allTypedAndLoad(String letter) throws IOException {
    assertThat(strict(resource("policy-" + letter + ".polar")).rules()).isNotEmpty();
  }

  @Test
  void strict_untypedBodyVariableInCall_isTypeError() {
    String text =
        "actor User {}\nresource Repo {}\n"
            + "has_role(user: User, role: String, repo: Repo) if member_of(user, team) and"
            + " has_role(team, role, repo);\n";

    PolicyValidationException e =
        catchThrowableOfType(PolicyValidationException.class, () -> strict(text));

    assertThat(PolicyErrors.render(e.errors()))
        .containsExactly(
            "TypeError policy.polar:3:51: variable 'team' has no static type; add 'team matches"
                + " <Type>' (strict typing)");
    assertThat(PolicyLoader.load(text).rules()).isNotEmpty();
  }

  @Test
  void strict_typesFromComparisonAndUnification_accepted() {
    Program program =
        strict(
            "actor User {}\nresource Vault {}\n"
                + "ok(v: Vault) if limit(v, n) and n >= 10;\n"
                + "same(u: User) if x matches User and y = x and knows(u, y) and knows(u, x);\n"
                + "tagged(v: Vault) if tag(v, _) and tag(v, \"a\");\n");

    assertThat(program.rules()).hasSize(4);
  }
}
