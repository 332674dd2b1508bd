package dev.osoj;

/**
 * The root of every exception the library raises for a failed operation. Misuse of the API (a null
 * argument, an impossible state) raises the JDK's own exceptions instead.
 */
public class OsoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public OsoException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public OsoException(String message, Throwable cause) {
    super(message, cause);
  }
}
