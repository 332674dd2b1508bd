package dev.osoj;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy could not be loaded. Carries every error found, not only the first; the policy in force
 * before the attempt stays in force.
 */
public class PolicyException extends OsoException {
  private static final long serialVersionUID = 1L;

  private final List<Diagnostic> diagnostics;

  /**
   * Creates an exception from the problems found.
   *
   * @param diagnostics the problems, at least one of them an error
   */
  public PolicyException(List<Diagnostic> diagnostics) {
    super(render(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /**
   * Returns every problem found, errors and warnings, in source order.
   *
   * @return the diagnostics
   */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * Returns only the errors.
   *
   * @return the diagnostics whose severity is {@code ERROR}
   */
  public List<Diagnostic> errors() {
    return diagnostics.stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
        .collect(Collectors.toList());
  }

  private static String render(List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
        .map(Diagnostic::toString)
        .collect(Collectors.joining("\n"));
  }
}
