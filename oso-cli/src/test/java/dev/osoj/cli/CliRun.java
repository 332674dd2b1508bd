package dev.osoj.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The outcome of one in-process run of the {@code oso} command.
 *
 * @param exitCode the exit code
 * @param out what was printed on standard output
 * @param err what was printed on standard error
 */
record CliRun(int exitCode, String out, String err) {
  /** Runs the command as {@code main} would, capturing both streams. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = OsoCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, normalize(out), normalize(err));
  }

  private static String normalize(StringWriter writer) {
    return writer.toString().replace(System.lineSeparator(), "\n");
  }
}
