package dev.osoj.internal.http;

/** A JSON document does not have the shape the Oso Cloud API prescribes. */
public final class WireFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public WireFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
