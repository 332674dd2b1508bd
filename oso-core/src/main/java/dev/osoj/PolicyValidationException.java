package dev.osoj;

import java.util.List;

/**
 * A policy parses but breaks a rule of the language (unknown type, undeclared role, unsafe
 * variable, …), or its tests fail when it is loaded.
 */
public class PolicyValidationException extends PolicyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception from the problems found.
   *
   * @param diagnostics the problems, at least one of them an error
   */
  public PolicyValidationException(List<Diagnostic> diagnostics) {
    super(diagnostics);
  }
}
