package dev.osoj.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the command's logging between quiet (WARN, the level set in {@code logback.xml}) and
 * verbose (DEBUG). Logs go to standard error, so standard output stays parseable.
 */
final class Logging {
  private Logging() {}

  /**
   * Sets the level of the root logger.
   *
   * @param verbose true for DEBUG, false for WARN
   */
  static void verbose(boolean verbose) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(verbose ? Level.DEBUG : Level.WARN);
  }

  /**
   * Returns whether DEBUG logging is on.
   *
   * @return true after {@code --verbose}
   */
  static boolean isVerbose() {
    return LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).isDebugEnabled();
  }
}
