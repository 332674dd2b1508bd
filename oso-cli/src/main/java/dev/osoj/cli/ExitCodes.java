package dev.osoj.cli;

/** The exit codes of every {@code oso} subcommand, for this package and its subpackages. */
public final class ExitCodes {
  /** Success: the policy is valid, every test passed, the question was allowed. */
  public static final int OK = 0;

  /** A negative answer: an assertion failed, or the question was denied. */
  public static final int FAILED = 1;

  /** The input is wrong: bad usage, an unreadable file, a policy that does not load, a bad fact. */
  public static final int INPUT = 2;

  /** A fault of the tool itself; {@code --verbose} shows the stack trace. */
  public static final int INTERNAL = 3;

  private ExitCodes() {}
}
