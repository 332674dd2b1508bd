package dev.osoj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
  static final String RESOURCES = "src/test/resources/cli/";

  @TempDir Path dir;

  @Test
  void test_allAssertionsPass_printsEachTestAndTotalsAndExits0() {
    CliRun run = CliRun.of("test", RESOURCES + "passing-tests.polar");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .isEqualTo("PASS guests view: 2/2\nPASS owners do everything: 1/1\n3 passed, 0 failed\n");
  }

  @Test
  void test_failingIffAssertion_printsLocationMissingAndTotalsAndExits1() {
    String file = RESOURCES + "failing-tests.polar";

    CliRun run = CliRun.of("test", file);

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out())
        .isEqualTo(
            "FAIL workspace roles: 3/4\n"
                + "  "
                + file
                + ":24:3: assert allow(User{\"ana\"}, action: String, Workspace{\"w1\"}) iff"
                + " action in [\"view\", \"edit\"] failed\n"
                + "    missing: [edit]\n"
                + "    unexpected: []\n"
                + "PASS owners are members: 1/1\n"
                + "4 passed, 1 failed\n");
  }

  @Test
  void test_unexpectedValuesAndPlainFailures_areReported() throws IOException {
    Path policy = dir.resolve("p.polar");
    Files.writeString(
        policy,
        String.join(
            "\n",
            "actor User {}",
            "resource Doc {",
            "  roles = [\"reader\", \"writer\"];",
            "  permissions = [\"read\", \"write\"];",
            "  \"read\" if \"reader\";",
            "  \"write\" if \"writer\";",
            "  \"reader\" if \"writer\";",
            "}",
            "test \"writers\" {",
            "  setup { has_role(User{\"w\"}, \"writer\", Doc{\"d\"}); }",
            "  assert allow(User{\"w\"}, a: String, Doc{\"d\"}) iff a in [\"write\"];",
            "  assert_not allow(User{\"w\"}, \"read\", Doc{\"d\"});",
            "  assert allow(User{\"w\"}, \"write\", Doc{\"d\"});",
            "}",
            ""));

    CliRun run = CliRun.of("test", policy.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out())
        .isEqualTo(
            "FAIL writers: 1/3\n"
                + "  "
                + policy
                + ":11:3: assert allow(User{\"w\"}, a: String, Doc{\"d\"}) iff a in [\"write\"]"
                + " failed\n"
                + "    missing: []\n"
                + "    unexpected: [read]\n"
                + "  "
                + policy
                + ":12:3: assert_not allow(User{\"w\"}, \"read\", Doc{\"d\"}) failed\n"
                + "1 passed, 2 failed\n");
  }

  @Test
  void test_brokenPolicy_printsErrorsAndExits2() throws IOException {
    String golden = Files.readString(Path.of(RESOURCES, "broken.polar.err"));

    CliRun run = CliRun.of("test", RESOURCES + "broken.polar");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(golden);
  }

  @Test
  void test_policyWithoutTests_saysSoAndExits0() throws IOException {
    Path policy = dir.resolve("p.polar");
    Files.writeString(policy, "actor User {}\n");

    CliRun run = CliRun.of("test", policy.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo("0 passed, 0 failed\n");
    assertThat(run.err()).isEqualTo("oso: the policy has no test blocks\n");
  }

  @Test
  void test_testsSplitOverFiles_runTogether() {
    CliRun run =
        CliRun.of("test", RESOURCES + "passing-tests.polar", RESOURCES + "more-tests.polar");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).endsWith("PASS members edit: 2/2\n5 passed, 0 failed\n");
  }

  @Test
  void test_missingFile_exits2() {
    CliRun run = CliRun.of("test", "nope.polar");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("oso: cannot read policy file 'nope.polar': no such file\n");
  }

  @Test
  void test_gitclubSample_allPass() {
    CliRun run = CliRun.of("test", "../policies/gitclub.polar");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().lines())
        .allMatch(line -> line.startsWith("PASS ") || line.endsWith(" passed, 0 failed"));
    assertThat(run.out().lines().reduce((a, b) -> b))
        .hasValueSatisfying(last -> assertThat(last).matches("[1-9]\\d* passed, 0 failed"));
  }
}
