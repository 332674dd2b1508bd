package dev.osoj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.EvaluationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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

  @Test
  void run_verboseOnAnyVerb_raisesLoggingToDebug() {
    try {
      CliRun run = CliRun.of("validate", "--verbose", "nope.polar");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
      assertThat(Logging.isVerbose()).isTrue();
    } finally {
      Logging.verbose(false);
    }
    assertThat(Logging.isVerbose()).isFalse();
  }

  @Test
  void run_unexpectedException_exits3WithHint() {
    CliRun run = runWith(new Failing(new IllegalStateException("broken invariant")));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(run.err())
        .isEqualTo(
            "oso: internal error: java.lang.IllegalStateException: broken invariant\n"
                + "oso: run again with --verbose to see the stack trace\n");
  }

  @Test
  void run_osoException_exits2WithItsMessage() {
    CliRun run = runWith(new Failing(new EvaluationException("type 'Repo' is not declared")));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("oso: type 'Repo' is not declared\n");
  }

  private static CliRun runWith(Failing verb) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = OsoCommand.newCommandLine().addSubcommand("fail", verb);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int exitCode = commandLine.execute("fail");

    return new CliRun(exitCode, out.toString(), err.toString());
  }

  @Command(name = "fail")
  static final class Failing implements Callable<Integer> {
    private final RuntimeException failure;

    Failing(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() {
      throw failure;
    }
  }
}
