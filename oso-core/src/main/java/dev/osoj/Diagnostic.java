package dev.osoj;

import static java.util.Objects.requireNonNull;

/**
 * One problem found while loading a policy.
 *
 * @param severity whether the problem stops the policy from loading
 * @param code the error code of the catalogue, such as {@code UnknownType}
 * @param span where the problem is
 * @param message the message, without the location prefix
 */
public record Diagnostic(Severity severity, String code, SourceSpan span, String message) {
  /** How serious a diagnostic is. */
  public enum Severity {
    /** The policy is refused. */
    ERROR,
    /** The policy loads; the text is probably not what its author meant. */
    WARNING
  }

  /** Creates a diagnostic. */
  public Diagnostic {
    requireNonNull(severity, "severity");
    requireNonNull(code, "code");
    requireNonNull(span, "span");
    requireNonNull(message, "message");
  }

  /** Returns the diagnostic as {@code file:line:col: message}. */
  @Override
  public String toString() {
    return span + ": " + message;
  }
}
