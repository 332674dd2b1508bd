package dev.osoj;

/** A fact store failed to read or write, for example because the database refused a statement. */
public class FactStoreException extends OsoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed
   * @param cause the underlying failure, such as an {@code SQLException}
   */
  public FactStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception without a cause.
   *
   * @param message what failed
   */
  public FactStoreException(String message) {
    super(message);
  }
}
