package dev.osoj;

/**
 * A question could not be answered: a bad argument (an unknown type in a query), or a question the
 * engine or the SQL planner cannot express. A denial is never an exception.
 */
public class EvaluationException extends OsoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what could not be answered and why
   */
  public EvaluationException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what could not be answered and why
   * @param cause the underlying failure
   */
  public EvaluationException(String message, Throwable cause) {
    super(message, cause);
  }
}
