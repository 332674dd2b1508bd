package dev.osoj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryCommandsTest {
  static final String RESOURCES = "src/test/resources/cli/";
  static final String POLICY = RESOURCES + "repos.polar";
  static final String FACTS = RESOURCES + "repos-facts.txt";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
    "User:alice, delete, Repository:anvil, true",
    "User:bob, clone, Repository:anvil, true",
    "User:bob, push, Repository:anvil, false",
    "User:carol, push, Repository:rocket, true",
    "User:carol, push, Repository:anvil, false",
    "User:root, manage_members, Organization:anything, true",
    "User:eve, read, Repository:open-source, true",
    "User:eve, push, Repository:open-source, false",
  })
  void authorize_repos_printsDecisionAndExitsByIt(
      String actor, String action, String resource, boolean allowed) {
    CliRun run = CliRun.of("authorize", "-p", POLICY, "-f", FACTS, actor, action, resource);

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(allowed + "\n");
    assertThat(run.exitCode()).isEqualTo(allowed ? ExitCodes.OK : ExitCodes.FAILED);
  }

  @Test
  void authorize_contextFact_countsForThisQuestionOnly() {
    CliRun withContext =
        CliRun.of(
            "authorize",
            "--policy",
            POLICY,
            "--context",
            "is_public Repository:x Boolean:true",
            "User:eve",
            "read",
            "Repository:x");
    CliRun without = CliRun.of("authorize", "--policy", POLICY, "User:eve", "read", "Repository:x");

    assertThat(withContext.out()).isEqualTo("true\n");
    assertThat(without.out()).isEqualTo("false\n");
    assertThat(without.exitCode()).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void list_repos_printsSortedIds() {
    CliRun run = CliRun.of("list", "-p", POLICY, "-f", FACTS, "User:bob", "read", "Repository");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo("anvil\nopen-source\nrocket\n");
  }

  @Test
  void list_nothingAuthorized_printsNothingAndExits0() {
    CliRun run = CliRun.of("list", "-p", POLICY, "-f", FACTS, "User:eve", "push", "Repository");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void list_valueInsteadOfType_isInputError() {
    CliRun run = CliRun.of("list", "-p", POLICY, "User:bob", "read", "Repository:anvil");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err())
        .isEqualTo("oso: list takes a resource type, not a value: 'Repository:anvil'\n");
  }

  @Test
  void actions_repos_printsSortedActions() {
    CliRun run = CliRun.of("actions", "-p", POLICY, "-f", FACTS, "User:bob", "Repository:anvil");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo("clone\ncreate_issue\nread\n");
  }

  @Test
  void authorize_badFactsLine_exits2NamingFileAndLine() {
    String facts = RESOURCES + "bad-facts.txt";

    CliRun run = CliRun.of("authorize", "-p", POLICY, "-f", facts, "User:bob", "read", "x");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(facts + ":3: fact 'has_role' has no arguments\n");
  }

  @Test
  void authorize_factThePolicyRefuses_exits2NamingFileAndLine() {
    String facts = RESOURCES + "workspace-bad-fact.txt";

    CliRun run =
        CliRun.of(
            "authorize",
            "-p",
            RESOURCES + "passing-tests.polar",
            "-f",
            facts,
            "User:ana",
            "view",
            "Workspace:w1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(facts + ":3: ").contains("has_role");
  }

  @Test
  void actions_brokenPolicy_printsErrorsAndExits2() throws IOException {
    String golden = Files.readString(Path.of(RESOURCES, "broken.polar.err"));

    CliRun run = CliRun.of("actions", "-p", RESOURCES + "broken.polar", "User:a", "Repository:r");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(golden);
  }

  @Test
  void authorize_missingFactsFile_exits2() {
    CliRun run = CliRun.of("authorize", "-p", POLICY, "-f", "nope.txt", "User:a", "read", "R:r");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("oso: cannot read facts file 'nope.txt': no such file\n");
  }

  @Test
  void authorize_malformedValue_isUsageError() {
    CliRun run = CliRun.of("authorize", "-p", POLICY, "User:", "read", "Repository:anvil");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("ACTOR").contains("value id must not be empty");
  }

  @Test
  void authorize_withoutPolicy_isUsageError() {
    CliRun run = CliRun.of("authorize", "User:bob", "read", "Repository:anvil");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).startsWith("Missing required option: '--policy=FILE'");
  }

  @Test
  void list_severalActors_onlyTheirResources() {
    String policy = RESOURCES + "passing-tests.polar";
    String facts = RESOURCES + "workspace-facts.txt";

    CliRun ana = CliRun.of("list", "-p", policy, "-f", facts, "User:ana", "view", "Workspace");
    CliRun ben = CliRun.of("list", "-p", policy, "-f", facts, "User:ben", "remove", "Workspace");

    assertThat(ana.out()).isEqualTo("w1\nw2\n");
    assertThat(ben.out()).isEqualTo("w1\n");
  }

  @Test
  void authorize_policyWhoseTestsFail_isRefusedLikeOsoCloud() {
    String policy = RESOURCES + "failing-tests.polar";

    CliRun run = CliRun.of("authorize", "-p", policy, "User:ana", "view", "Workspace:w1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            policy
                + ":24:3: test \"workspace roles\": assert allow(User{\"ana\"}, action: String,"
                + " Workspace{\"w1\"}) iff action in [\"view\", \"edit\"] failed; missing: [edit],"
                + " unexpected: []\n");
  }

  @Test
  void authorize_badContextFact_exits2() {
    CliRun run =
        CliRun.of("authorize", "-p", POLICY, "-c", "is_public", "User:a", "read", "Repository:r");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err())
        .isEqualTo("oso: --context 'is_public': fact 'is_public' has no arguments\n");
  }

  @Test
  void help_ofEachVerb_describesItAndExits0() {
    for (String verb : new String[] {"validate", "test", "authorize", "list", "actions"}) {
      CliRun run = CliRun.of(verb, "--help");

      assertThat(run.exitCode()).as(verb).isEqualTo(ExitCodes.OK);
      assertThat(run.out()).as(verb).startsWith("Usage: oso " + verb + " ");
    }
  }

  @Test
  void list_everyResourceQualifies_printsStar() throws IOException {
    Path policy = dir.resolve("everyone.polar");
    Files.writeString(
        policy,
        "actor User {}\nresource Doc { permissions = [\"read\"]; }\n"
            + "has_permission(_u: User, \"read\", _d: Doc);\n");

    CliRun run = CliRun.of("list", "-p", policy.toString(), "User:a", "read", "Doc");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo("*\n");
  }
}
