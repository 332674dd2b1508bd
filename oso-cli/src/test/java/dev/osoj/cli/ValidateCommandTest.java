package dev.osoj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  static final String RESOURCES = "src/test/resources/cli/";
  static final String GITCLUB = "../policies/gitclub.polar";

  @TempDir Path dir;

  @Test
  void validate_gitclub_printsOneLinePerTypeAndExits0() {
    CliRun run = CliRun.of("validate", GITCLUB);

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().lines())
        .contains("global: 1 role, 0 permissions")
        .anyMatch(
            line -> line.matches("actor User: 0 roles, 0 permissions, 0 relations, \\d+ rules"))
        .anyMatch(
            line ->
                line.matches(
                    "resource Repository: 4 roles, 6 permissions, 1 relation, [1-9]\\d* rules"))
        .anyMatch(
            line ->
                line.matches("resource Issue: 1 role, 3 permissions, 2 relations, [1-9]\\d* rules"))
        .last()
        .asString()
        .matches("ok: 1 file, [1-9]\\d* rules, 5 tests");
  }

  @Test
  void validate_brokenPolicy_printsEveryErrorAsFileLineColAndExits2() throws IOException {
    String golden = Files.readString(Path.of(RESOURCES, "broken.polar.err"));

    CliRun run = CliRun.of("validate", RESOURCES + "broken.polar");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(golden);
  }

  @Test
  void validate_policySplitOverTwoFiles_loadsAsOne() throws IOException {
    Path types = dir.resolve("types.polar");
    Path rules = dir.resolve("rules.polar");
    Files.writeString(types, "actor User {}\nresource Doc { permissions = [\"read\"]; }\n");
    Files.writeString(rules, "has_permission(u: User, \"read\", d: Doc) if owns(u, d);\n");

    CliRun run = CliRun.of("validate", types.toString(), rules.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("resource Doc: 0 roles, 1 permission, 0 relations, ")
        .contains("ok: 2 files, ");
  }

  @Test
  void validate_errorInSecondFile_namesThatFile() throws IOException {
    Path types = dir.resolve("types.polar");
    Path rules = dir.resolve("rules.polar");
    Files.writeString(types, "actor User {}\n");
    Files.writeString(rules, "\nhas_permission(u: Usr, \"read\", d: User) if owns(u, d);\n");

    CliRun run = CliRun.of("validate", types.toString(), rules.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(rules + ":2:19: unknown type 'Usr'; did you mean 'User'?\n");
  }

  @Test
  void validate_warnings_goToStandardErrorAndExit0() throws IOException {
    Path policy = dir.resolve("p.polar");
    Files.writeString(policy, "actor User {}\nhas_permission(u: User, \"read\", d: Doc);\n");

    CliRun run = CliRun.of("validate", policy.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("resource Doc: ");
    assertThat(run.err().lines())
        .isNotEmpty()
        .allMatch(line -> line.startsWith(policy + ":2:") && line.contains(": warning: "));
  }

  @Test
  void validate_missingFile_exits2WithClearMessage() {
    CliRun run = CliRun.of("validate", GITCLUB, "nope.polar");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("oso: cannot read policy file 'nope.polar': no such file\n");
  }

  @Test
  void validate_directory_exits2WithClearMessage() {
    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err())
        .isEqualTo("oso: cannot read policy file '" + dir + "': it is a directory\n");
  }

  @Test
  void validate_noFile_isUsageError() {
    CliRun run = CliRun.of("validate");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).startsWith("Missing required parameter");
  }
}
