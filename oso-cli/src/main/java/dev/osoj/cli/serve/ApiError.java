package dev.osoj.cli.serve;

import tools.jackson.databind.node.ObjectNode;

/** An HTTP error answer: a status and a JSON body, by default {@code {"message": …}}. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient ObjectNode body;

  ApiError(int status, ObjectNode body) {
    super(body.path("message").asString(""));
    this.status = status;
    this.body = body;
  }

  static ApiError of(int status, String message) {
    ObjectNode body = dev.osoj.internal.http.Wire.object();
    body.put("message", message);
    return new ApiError(status, body);
  }

  static ApiError badRequest(String message) {
    return of(400, message);
  }

  int status() {
    return status;
  }

  ObjectNode body() {
    return body;
  }
}
