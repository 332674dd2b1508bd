package dev.osoj.cli;

/** The exit codes of every {@code oso} subcommand. */
final class ExitCodes {
  /** Success: the policy is valid, every test passed, the question was allowed. */
  static final int OK = 0;

  /** A negative answer: an assertion failed, or the question was denied. */
  static final int FAILED = 1;

  /** The input is wrong: bad usage, an unreadable file, a policy that does not load, a bad fact. */
  static final int INPUT = 2;

  /** A fault of the tool itself; {@code --verbose} shows the stack trace. */
  static final int INTERNAL = 3;

  private ExitCodes() {}
}
