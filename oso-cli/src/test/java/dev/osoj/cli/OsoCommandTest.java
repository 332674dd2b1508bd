package dev.osoj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OsoCommandTest {
  @Test
  void run_withoutVerb_printsUsageAndExits2() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("Usage: oso ");
  }

  @Test
  void run_unknownVerb_isUsageError() {
    CliRun run = CliRun.of("frobnicate");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("Unmatched argument at index 0: 'frobnicate'");
  }

  @Test
  void run_help_listsVerbsAndExitCodes() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Commands:", "Exit codes:", "--verbose");
  }

  @Test
  void run_version_printsName() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("oso ");
  }
}
