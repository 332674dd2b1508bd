package dev.osoj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --extended-negation} on the verbs that load a policy. */
class ExtendedNegationCliTest {
  static final String POLICY =
      """
      actor User {}
      resource Doc {
        roles = ["reader", "editor"];
        permissions = ["read"];
      }
      has_permission(u: User, "read", d: Doc) if
        has_role(u, "reader", d) and not (is_banned(u) or is_archived(d));

      test "banned readers read nothing" {
        setup {
          has_role(User{"ann"}, "reader", Doc{"d"});
          has_role(User{"bob"}, "reader", Doc{"d"});
          is_banned(User{"bob"});
        }
        assert allow(User{"ann"}, "read", Doc{"d"});
        assert_not allow(User{"bob"}, "read", Doc{"d"});
      }
      """;

  @TempDir Path dir;
  private Path policy;
  private Path facts;

  @BeforeEach
  void write() throws IOException {
    policy = dir.resolve("docs.polar");
    Files.writeString(policy, POLICY);
    facts = dir.resolve("facts.txt");
    Files.writeString(
        facts,
        "has_role User:ann reader Doc:d\nhas_role User:ann reader Doc:old\nis_archived Doc:old\n");
  }

  @Test
  void validate_withoutTheOption_rejectsTheCompoundNegation() {
    CliRun run = CliRun.of("validate", policy.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err())
        .contains(policy + ":7:32: 'not' must apply to a single call")
        .contains("enable extended negation");
  }

  @Test
  void validate_withTheOption_loads() {
    CliRun run = CliRun.of("validate", "--extended-negation", policy.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("ok: 1 file");
  }

  @Test
  void test_withTheOption_runsTheAssertions() {
    CliRun run = CliRun.of("test", "--extended-negation", policy.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().lines()).last().isEqualTo("2 passed, 0 failed");
  }

  @Test
  void list_withTheOption_answersThroughTheNegation() {
    CliRun run =
        CliRun.of(
            "list",
            "--extended-negation",
            "-p",
            policy.toString(),
            "-f",
            facts.toString(),
            "User:ann",
            "read",
            "Doc");

    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines()).containsExactly("d");
  }
}
