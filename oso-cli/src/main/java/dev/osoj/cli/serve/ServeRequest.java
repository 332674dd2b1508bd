package dev.osoj.cli.serve;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One parsed HTTP request.
 *
 * @param method the method, such as {@code POST}
 * @param rawPath the path, still percent-encoded
 * @param rawQuery the query string without {@code ?}, still encoded, or null
 * @param headers header names in lower case to their first value
 * @param body the body, empty when there is none
 */
record ServeRequest(
    String method,
    String rawPath,
    @Nullable String rawQuery,
    Map<String, String> headers,
    byte[] body) {
  @Nullable String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }
}
