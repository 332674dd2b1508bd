package dev.osoj;

/**
 * A fact was refused: its predicate is unknown to the policy, its arity or argument types match no
 * accepted signature, or an argument is empty or too long. Nothing was written.
 */
public class InvalidFactException extends OsoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was wrong with which fact, and what was expected
   */
  public InvalidFactException(String message) {
    super(message);
  }
}
