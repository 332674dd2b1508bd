package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The error cases of polar.md §8 that belong to the checker (X1–X9, X13–X16) are syntactically
 * valid: the parser must accept them so that the checker can report its own, more precise error.
 */
class CheckerInputsParseTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "resource R { roles = [\"reader\"]; permissions = [\"read\"]; \"read\" if \"viewer\"; }",
        "resource R { roles = [\"reader\"]; \"reader\" if \"member\" on \"org\"; }",
        "resource Folder { relations = { parent: Foldr }; }",
        "has_permission(u: Usr, \"read\", r: Repo);",
        "resource Org { roles = [\"admin\"]; \"admin\" if global \"root\"; }",
        "allow(u: User, \"read\", d: Doc) if has_role(u, \"reader\", d) and not (is_banned(u) or"
            + " is_frozen(d));",
        "has_permission(u: User, \"read\", d: Doc) if has_role(u, \"reader\", d) and not"
            + " blocked_by(u, other);",
        "can_edit(u: User, d: Doc) if has_role(u, \"editor\", d);\n"
            + "has_permission(u: User, \"view\", d: Doc) if not can_edit(u, d) and has_role(u,"
            + " \"viewer\", d);",
        "resource R { roles = [\"admin\"]; permissions = [\"admin\"]; }",
        "resource R { relations = [\"parent\"]; }",
        "global { roles = [\"a\"]; }\nglobal { roles = [\"b\"]; }",
        "resource R { actions = [\"read\"]; }",
        "resource R { roles = { a: B }; roles = []; }",
        "@internal f(x);",
        "?= f(1);",
        "type has_role(a: Actor, r: String, x: Resource);"
      })
  void parse_checkerErrorCase_parses(String text) {
    assertThat(Parser.parse(new PolicySource("x.polar", text)).items()).isNotEmpty();
  }
}
