package dev.osoj.cli.serve;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP answer, always JSON.
 *
 * @param status the status code
 * @param body the UTF-8 JSON body
 * @param requestId the {@code X-Request-ID} to send back
 * @param osoOffset the {@code OsoOffset} of a write, or null
 */
record ServeResponse(int status, byte[] body, String requestId, @Nullable String osoOffset) {}
