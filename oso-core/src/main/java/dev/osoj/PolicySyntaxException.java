package dev.osoj;

import java.util.List;

/** A policy does not parse. The first diagnostic's span says where. */
public class PolicySyntaxException extends PolicyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception from the syntax errors found.
   *
   * @param diagnostics the errors, at least one
   */
  public PolicySyntaxException(List<Diagnostic> diagnostics) {
    super(diagnostics);
  }

  /**
   * Returns where the first syntax error is.
   *
   * @return the span of the first error
   */
  public SourceSpan span() {
    return errors().get(0).span();
  }
}
