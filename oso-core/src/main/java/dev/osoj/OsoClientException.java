package dev.osoj;

import org.jspecify.annotations.Nullable;

/**
 * A call to an Oso HTTP server failed: the server answered with an error status, or the answer
 * could not be read, or the network failed after every retry.
 */
public class OsoClientException extends OsoException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final @Nullable String requestId;
  private final boolean retryable;

  /**
   * Creates an exception.
   *
   * @param message the server's message or a description of the failure
   * @param status the HTTP status, or 0 when no response was received
   * @param requestId the {@code X-Request-ID} of the failed request, if known
   * @param retryable whether repeating the call may succeed
   * @param cause the underlying failure, if any
   */
  public OsoClientException(
      String message,
      int status,
      @Nullable String requestId,
      boolean retryable,
      @Nullable Throwable cause) {
    super(message, cause);
    this.status = status;
    this.requestId = requestId;
    this.retryable = retryable;
  }

  /**
   * Returns the HTTP status of the response.
   *
   * @return the status, or 0 when no response was received
   */
  public int status() {
    return status;
  }

  /**
   * Returns the request id the client sent, for finding the call in server logs.
   *
   * @return the id, or null if the request was never sent
   */
  public @Nullable String requestId() {
    return requestId;
  }

  /**
   * Returns whether repeating the call may succeed (network errors, 429, 5xx).
   *
   * @return true if the failure is transient
   */
  public boolean retryable() {
    return retryable;
  }
}
