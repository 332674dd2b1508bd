package dev.osoj;

import org.jspecify.annotations.Nullable;

/** A call to an Oso HTTP server timed out (connecting, writing or reading). */
public class OsoTimeoutException extends OsoClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message which timeout expired
   * @param requestId the request id, if the request was sent
   * @param cause the underlying timeout
   */
  public OsoTimeoutException(String message, @Nullable String requestId, Throwable cause) {
    super(message, 0, requestId, true, cause);
  }
}
