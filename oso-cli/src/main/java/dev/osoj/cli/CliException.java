package dev.osoj.cli;

/**
 * Stops a subcommand with a message for standard error and an exit code. Thrown for every expected
 * failure (unreadable file, policy errors, bad facts), so subcommands stay linear; {@link
 * OsoCommand#newCommandLine()} prints the message and exits with the code.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * Creates the exception.
   *
   * @param exitCode the process exit code, one of {@link ExitCodes}
   * @param message the text printed on standard error, possibly several lines, possibly empty
   */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /**
   * Creates an input error (exit code {@link ExitCodes#INPUT}).
   *
   * @param message the text printed on standard error
   * @return the exception
   */
  public static CliException input(String message) {
    return new CliException(ExitCodes.INPUT, message);
  }

  /**
   * Returns the process exit code.
   *
   * @return the code
   */
  public int exitCode() {
    return exitCode;
  }
}
