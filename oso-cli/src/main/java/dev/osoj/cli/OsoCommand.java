package dev.osoj.cli;

import dev.osoj.OsoException;
import dev.osoj.Value;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code oso} command. Each verb is a subcommand class listed in the {@code subcommands}
 * attribute below; registering another verb is adding its class there.
 *
 * <p>Exit codes, shared by every verb: 0 success, 1 a negative answer (a failed assertion, a denied
 * question), 2 bad input (usage, unreadable file, policy errors, bad facts), 3 an internal fault.
 */
@Command(
    name = "oso",
    mixinStandardHelpOptions = true,
    versionProvider = OsoCommand.Version.class,
    description = "Validate, test and try Polar policies with the embedded Oso engine.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (valid, all tests passed, allowed)",
      "1:an assertion failed, or the question was denied",
      "2:bad input: usage, unreadable file, policy errors, bad facts",
      "3:internal error (--verbose shows the stack trace)"
    },
    subcommands = {
      ValidateCommand.class,
      TestCommand.class,
      AuthorizeCommand.class,
      ListCommand.class,
      ActionsCommand.class,
      FilterCommand.class,
      HelpCommand.class,
      dev.osoj.cli.serve.ServeCommand.class,
    })
public final class OsoCommand implements Callable<Integer> {
  private static final Logger logger = LoggerFactory.getLogger(OsoCommand.class);

  @Spec CommandSpec spec;

  /** Creates the command; {@link #newCommandLine()} wires it for execution. */
  public OsoCommand() {}

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line arguments
   */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /**
   * Returns the command line ready to {@code execute}, with its error handling in place. Tests call
   * this, then {@code setOut}/{@code setErr} to capture the output.
   *
   * @return the command line
   */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new OsoCommand());
    commandLine.registerConverter(Value.class, Value::parse);
    commandLine.setExecutionExceptionHandler(OsoCommand::handle);
    return commandLine;
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Log at DEBUG level on standard error.")
  void setVerbose(boolean verbose) {
    Logging.verbose(verbose);
  }

  /** Without a verb, prints the usage and fails. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.INPUT;
  }

  private static int handle(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof CliException) {
      CliException failure = (CliException) e;
      if (!failure.getMessage().isEmpty()) {
        err.println(failure.getMessage());
      }
      err.flush();
      return failure.exitCode();
    }
    if (e instanceof OsoException) {
      logger.debug("'{}' failed", commandLine.getCommandName(), e);
      err.println("oso: " + e.getMessage());
      err.flush();
      return ExitCodes.INPUT;
    }
    logger.debug("internal error in '{}'", commandLine.getCommandName(), e);
    err.println("oso: internal error: " + e);
    if (!Logging.isVerbose()) {
      err.println("oso: run again with --verbose to see the stack trace");
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /** Reports the version written into the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = OsoCommand.class.getPackage().getImplementationVersion();
      return new String[] {"oso " + (version == null ? "(development build)" : version)};
    }
  }
}
