package dev.osoj.internal.embedded;

import dev.osoj.internal.program.Program;
import java.util.Map;

/** Turns policy files into a {@link Program}; the front end's loader in production. */
@FunctionalInterface
public interface PolicyFrontEnd {
  /**
   * Parses and checks policy files loaded together.
   *
   * @param filesToText file name (used in spans) to its text, in load order
   * @return the program, tests not yet run
   * @throws dev.osoj.PolicyException if the text does not parse or validate
   */
  Program compile(Map<String, String> filesToText);
}
