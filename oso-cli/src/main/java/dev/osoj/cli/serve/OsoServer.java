package dev.osoj.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.osoj.EvaluationException;
import dev.osoj.InvalidFactException;
import dev.osoj.OsoException;
import dev.osoj.PolicyException;
import dev.osoj.internal.http.Wire;
import dev.osoj.internal.http.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side of {@code oso serve}: the JDK's {@link HttpServer} on a bounded thread pool, bearer
 * authentication, the 10 MiB body limit, routing to {@link Api}, and JSON errors in Oso's shape.
 *
 * <p>The pool has a fixed number of workers and a bounded queue; when both are full the accepting
 * thread runs the request itself, which stops it accepting more until it is done (back pressure
 * instead of unbounded memory).
 */
public final class OsoServer implements AutoCloseable {
  /** Request bodies larger than this are refused with 413. */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private static final Logger logger = LoggerFactory.getLogger(OsoServer.class);
  private static final int QUEUE_CAPACITY = 1024;

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final Api api;
  private final ServeBackend backend;
  private final byte[] expectedAuth;
  private final AtomicLong offset = new AtomicLong();
  private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;

  /**
   * Creates and binds a server; {@link #start()} starts it.
   *
   * @param backend the engine
   * @param initialPolicy the policy loaded at startup, for {@code GET /api/policy}, or null
   * @param apiKey the key clients must send as bearer token
   * @param address where to listen
   * @param threads worker threads
   * @throws IOException if the address cannot be bound
   */
  OsoServer(
      ServeBackend backend,
      Api.@Nullable PolicyText initialPolicy,
      String apiKey,
      InetSocketAddress address,
      int threads)
      throws IOException {
    this.backend = backend;
    this.api = new Api(backend, initialPolicy);
    this.expectedAuth = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
    AtomicInteger counter = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            r -> {
              Thread t = new Thread(r, "oso-serve-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    // The JDK server leaves Nagle's algorithm on unless told; small JSON answers on kept-alive
    // connections then wait for delayed ACKs.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    this.server = HttpServer.create(address, 1024);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
  }

  /** Starts accepting requests. */
  void start() {
    server.start();
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the port
   */
  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Stops gracefully: new requests get 503, running ones may finish (up to 2 s), then the socket,
   * the workers and the backend are closed.
   */
  @Override
  public void close() {
    closing = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    server.stop(0);
    pool.shutdownNow();
    backend.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String requestId = requestId(exchange);
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    int status;
    Lock lock = path.equals("/api/clear_data") ? swapLock.writeLock() : swapLock.readLock();
    inFlight.incrementAndGet();
    lock.lock();
    try {
      if (closing) {
        throw ApiError.of(503, "server is shutting down");
      }
      Api.Answer answer = answer(exchange, method, path);
      status = answer.status();
      if (answer.mutation()) {
        exchange.getResponseHeaders().set("OsoOffset", Long.toString(offset.incrementAndGet()));
      }
      send(exchange, status, answer.body(), requestId);
    } catch (ApiError e) {
      status = e.status();
      send(exchange, status, e.body(), requestId);
    } catch (RuntimeException | AssertionError e) {
      ApiError error = translate(e, method, path, requestId);
      status = error.status();
      send(exchange, status, error.body(), requestId);
    } finally {
      lock.unlock();
      inFlight.decrementAndGet();
      exchange.close();
    }
    if (logger.isDebugEnabled()) {
      logger.debug(
          "{} {} -> {} in {} us (request id '{}')",
          method,
          path,
          status,
          (System.nanoTime() - start) / 1000,
          requestId);
    }
  }

  private static String requestId(HttpExchange exchange) {
    String given = exchange.getRequestHeaders().getFirst("X-Request-ID");
    if (given == null || given.isBlank() || given.length() > 200) {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() >>> 2) | (1L << 63))
          .toString();
    }
    return given;
  }

  private Api.Answer answer(HttpExchange exchange, String method, String path) throws IOException {
    if (!path.startsWith("/api/")) {
      throw ApiError.of(404, "no endpoint '" + method + " " + path + "'");
    }
    String endpoint = path.substring(4);
    if (endpoint.equals("/healthcheck")) {
      return Api.Answer.ok(Api.message("ok"));
    }
    if (!authorized(exchange)) {
      throw ApiError.of(401, "missing or invalid API key: send 'Authorization: Bearer <key>'");
    }
    if (method.equals("GET")) {
      return get(endpoint, exchange);
    } else if (method.equals("POST")) {
      byte[] bytes = readBody(exchange);
      return post(endpoint, bytes);
    }
    throw ApiError.of(405, "method '" + method + "' is not allowed on '" + path + "'");
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null) {
      return false;
    }
    return MessageDigest.isEqual(header.trim().getBytes(StandardCharsets.UTF_8), expectedAuth);
  }

  private Api.Answer get(String endpoint, HttpExchange exchange) {
    switch (endpoint) {
      case "/policy":
        return api.getPolicy();
      case "/policy_metadata":
        return api.policyMetadata();
      case "/facts":
        return api.getFacts(queryParams(exchange.getRequestURI().getRawQuery()));
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

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("invalid Content-Length '" + length + "'");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        if (out.size() > MAX_BODY_BYTES) {
          throw tooLarge();
        }
      }
      return out.toByteArray();
    }
  }

  private static ApiError tooLarge() {
    return ApiError.of(413, "request body exceeds the 10 MiB limit");
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

  private static void send(HttpExchange exchange, int status, JsonNode body, String requestId)
      throws IOException {
    byte[] bytes = Wire.bytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Request-ID", requestId);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
