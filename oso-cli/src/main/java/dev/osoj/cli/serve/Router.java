package dev.osoj.cli.serve;

import dev.osoj.EvaluationException;
import dev.osoj.InvalidFactException;
import dev.osoj.OsoException;
import dev.osoj.PolicyException;
import dev.osoj.internal.http.Wire;
import dev.osoj.internal.http.WireFormatException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Turns a parsed request into a JSON answer: bearer authentication, routing to {@link Api}, the
 * {@code OsoOffset} of writes, and errors in Oso's {@code {"message": …}} shape. Independent of the
 * socket layer. Thread-safe.
 */
final class Router {
  private static final Logger logger = LoggerFactory.getLogger(Router.class);

  private final Api api;
  private final byte[] expectedAuth;
  private final AtomicLong offset = new AtomicLong();
  private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
  private volatile boolean closing;

  Router(Api api, String apiKey) {
    this.api = api;
    this.expectedAuth = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
  }

  /** From now on, every request is answered 503. */
  void closing() {
    closing = true;
  }

  ServeResponse handle(ServeRequest request) {
    long start = System.nanoTime();
    String requestId = requestId(request.header("x-request-id"));
    String method = request.method();
    String path = request.rawPath();
    ServeResponse response;
    // clear_data swaps the engine: it waits for the requests in flight and holds new ones back
    Lock lock = path.equals("/api/clear_data") ? swapLock.writeLock() : swapLock.readLock();
    lock.lock();
    try {
      if (closing) {
        throw ApiError.of(503, "server is shutting down");
      }
      Api.Answer answer = answer(request, method, path);
      String newOffset = answer.mutation() ? Long.toString(offset.incrementAndGet()) : null;
      response =
          new ServeResponse(answer.status(), Wire.bytes(answer.body()), requestId, newOffset);
    } catch (ApiError e) {
      response = error(e, requestId);
    } catch (RuntimeException | AssertionError e) {
      response = error(translate(e, method, path, requestId), requestId);
    } finally {
      lock.unlock();
    }
    if (logger.isDebugEnabled()) {
      logger.debug(
          "{} {} -> {} in {} us (request id '{}')",
          method,
          path,
          response.status(),
          (System.nanoTime() - start) / 1000,
          requestId);
    }
    return response;
  }

  /** The answer to a request the socket layer refused before routing (too large, malformed). */
  static ServeResponse refused(int status, String message, @Nullable String givenRequestId) {
    return error(ApiError.of(status, message), requestId(givenRequestId));
  }

  private static ServeResponse error(ApiError e, String requestId) {
    return new ServeResponse(e.status(), Wire.bytes(e.body()), requestId, null);
  }

  private static String requestId(@Nullable String given) {
    if (given == null || given.isBlank() || given.length() > 200) {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() >>> 2) | (1L << 63))
          .toString();
    }
    return given;
  }

  private Api.Answer answer(ServeRequest request, String method, String path) {
    if (!path.startsWith("/api/")) {
      throw ApiError.of(404, "no endpoint '" + method + " " + path + "'");
    }
    String endpoint = path.substring(4);
    if (endpoint.equals("/healthcheck")) {
      return Api.Answer.ok(Api.message("ok"));
    }
    if (!authorized(request.header("authorization"))) {
      throw ApiError.of(401, "missing or invalid API key: send 'Authorization: Bearer <key>'");
    }
    if (method.equals("GET")) {
      return get(endpoint, request.rawQuery());
    } else if (method.equals("POST")) {
      return post(endpoint, request.body());
    }
    throw ApiError.of(405, "method '" + method + "' is not allowed on '" + path + "'");
  }

  private boolean authorized(@Nullable String header) {
    return header != null
        && MessageDigest.isEqual(header.trim().getBytes(StandardCharsets.UTF_8), expectedAuth);
  }

  private Api.Answer get(String endpoint, @Nullable String rawQuery) {
    switch (endpoint) {
      case "/policy":
        return api.getPolicy();
      case "/policy_metadata":
        return api.policyMetadata();
      case "/facts":
        return api.getFacts(queryParams(rawQuery));
      case "/stats":
        return api.stats();
      default:
        throw unknown("GET", endpoint);
    }
  }

  private Api.Answer post(String endpoint, byte[] bytes) {
    if (endpoint.equals("/clear_data")) {
      return api.clearData();
    }
    JsonNode body = Wire.parse(bytes);
    switch (endpoint) {
      case "/policy":
        return api.postPolicy(body);
      case "/batch":
        return api.batch(body);
      case "/authorize":
        return api.authorize(body);
      case "/list":
        return api.list(body);
      case "/actions":
        return api.actions(body);
      case "/evaluate_query":
        return api.evaluateQuery(body);
      case "/authorize_query":
        return api.authorizeQuery(body);
      case "/list_query":
        return api.listQuery(body);
      case "/actions_query":
        return api.actionsQuery(body);
      case "/evaluate_query_local":
        return api.evaluateQueryLocal(body);
      case "/expect":
        return api.expect(body);
      default:
        throw unknown("POST", endpoint);
    }
  }

  private static ApiError unknown(String method, String endpoint) {
    return ApiError.of(404, "no endpoint '" + method + " /api" + endpoint + "'");
  }

  static Map<String, List<String>> queryParams(@Nullable String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("malformed query string near '" + s + "'");
    }
  }

  private static ApiError translate(Throwable e, String method, String path, String requestId) {
    if (e instanceof WireFormatException
        || e instanceof InvalidFactException
        || e instanceof PolicyException
        || e instanceof EvaluationException
        || e instanceof IllegalArgumentException) {
      return ApiError.badRequest(String.valueOf(e.getMessage()));
    }
    if (e instanceof UnsupportedOperationException) {
      return ApiError.badRequest("not supported by this server: " + e.getMessage());
    }
    String what = e instanceof OsoException ? e.getMessage() : "internal server error";
    logger.error("{} {} failed (request id '{}')", method, path, requestId, e);
    return ApiError.of(500, String.valueOf(what));
  }
}
