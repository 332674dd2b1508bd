package dev.osoj.internal.http;

import dev.osoj.OsoClientException;
import dev.osoj.OsoTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends requests to an Oso Cloud compatible server: headers, the request size guard, retries with
 * jittered exponential backoff, the fallback node, and the {@code OsoOffset} read-your-writes
 * token. Thread-safe; one instance holds one connection pool.
 */
final class HttpTransport implements AutoCloseable {
  /** Bodies of this many bytes or more are refused before any I/O, as the official clients do. */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private static final Logger logger = LoggerFactory.getLogger(HttpTransport.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_ERROR_TEXT = 2000;

  private final RemoteSettings settings;
  private final OkHttpClient client;
  private final HttpUrl base;
  private final @Nullable HttpUrl fallback;
  private final String instanceId = UUID.randomUUID().toString();
  private final AtomicReference<@Nullable String> offset = new AtomicReference<>();

  /**
   * The headers every request carries, built on first use (so a key OkHttp refuses still fails the
   * call, not the build) and then copied: cheaper than adding them one by one.
   */
  private volatile @Nullable Headers fixedHeaders;

  /** Resolved URLs of query-less calls, by root and path: resolving one costs more than a call. */
  private final Map<String, HttpUrl> plainUrls = new ConcurrentHashMap<>();

  HttpTransport(RemoteSettings settings) {
    this.settings = settings;
    this.base = HttpUrl.get(settings.url() + "/api/");
    this.fallback =
        settings.fallbackUrl() == null ? null : HttpUrl.get(settings.fallbackUrl() + "/api/");
    this.client =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.writeTimeout())
            .connectionPool(new ConnectionPool(settings.maxIdleConnections(), 5, TimeUnit.MINUTES))
            // OkHttp's own retry only covers connections that failed before the exchange (a
            // pooled connection the server had closed); everything else goes through our retries
            .retryOnConnectionFailure(true)
            .followRedirects(false)
            .build();
  }

  private Headers fixedHeaders() {
    Headers h = fixedHeaders;
    if (h == null) {
      h =
          new Headers.Builder()
              .add("Authorization", "Bearer " + settings.apiKey())
              .add("Accept", "application/json")
              .add("User-Agent", settings.userAgent())
              .add("X-OsoApiVersion", "0")
              .add("X-Oso-Instance-Id", instanceId)
              .build();
      fixedHeaders = h;
    }
    return h;
  }

  /** What one endpoint is: its method and path, and how the client treats it. */
  record Endpoint(String method, String path, boolean mutation, boolean fallbackEligible) {
    static Endpoint read(String method, String path) {
      return new Endpoint(method, path, false, true);
    }

    static Endpoint write(String path) {
      return new Endpoint("POST", path, true, false);
    }
  }

  /**
   * One finished exchange.
   *
   * @param status the HTTP status
   * @param content the response body, UTF-8
   * @param requestId the request id (the server's echo when present)
   * @param retryAfter the {@code Retry-After} header, or null
   * @param offset the {@code OsoOffset} header, or null
   */
  record Reply(
      int status,
      byte[] content,
      String requestId,
      @Nullable Duration retryAfter,
      @Nullable String offset) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The response body as text. */
    String body() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** Sends a request and returns the parsed JSON of a 2xx answer, or throws. */
  JsonNode call(Endpoint endpoint, List<Map.Entry<String, String>> query, @Nullable JsonNode body) {
    Reply reply = exchange(endpoint, query, body);
    if (!reply.ok()) {
      throw failure(endpoint, reply);
    }
    return parseSuccess(endpoint, reply);
  }

  /** Sends an encoded body and returns the parsed JSON of a 2xx answer, or throws. */
  JsonNode call(Endpoint endpoint, byte[] body) {
    Reply reply = exchange(endpoint, List.of(), body);
    if (!reply.ok()) {
      throw failure(endpoint, reply);
    }
    return parseSuccess(endpoint, reply);
  }

  /** Sends a request with retries and fallback; returns the final reply whatever its status. */
  Reply exchange(
      Endpoint endpoint, List<Map.Entry<String, String>> query, @Nullable JsonNode body) {
    return exchange(endpoint, query, body == null ? new byte[0] : Wire.bytes(body));
  }

  private Reply exchange(Endpoint endpoint, List<Map.Entry<String, String>> query, byte[] bytes) {
    if (bytes.length >= MAX_BODY_BYTES) {
      throw new OsoClientException(
          "request body of "
              + bytes.length
              + " bytes for '"
              + endpoint.path()
              + "' reaches the 10 MiB limit; nothing was sent",
          0,
          null,
          false,
          null);
    }
    String requestId = newRequestId();
    try {
      Reply reply = withRetries(base, endpoint, query, bytes, requestId);
      if (endpoint.fallbackEligible() && fallback != null && fallbackWorthy(reply.status())) {
        return fallback(endpoint, query, bytes, requestId, null);
      }
      if (endpoint.mutation() && reply.ok()) {
        rememberOffset(reply);
      }
      return reply;
    } catch (IOException e) {
      if (endpoint.fallbackEligible() && fallback != null) {
        return fallback(endpoint, query, bytes, requestId, e);
      }
      throw networkFailure(endpoint, requestId, e);
    }
  }

  private Reply fallback(
      Endpoint endpoint,
      List<Map.Entry<String, String>> query,
      byte[] bytes,
      String requestId,
      @Nullable IOException primary) {
    logger.debug(
        "{} '{}' failed on the primary server ({}), trying the fallback",
        endpoint.method(),
        endpoint.path(),
        primary == null ? "error status" : primary.toString());
    try {
      return attempt(fallback, endpoint, query, bytes, requestId, 0);
    } catch (IOException e) {
      if (primary != null) {
        e.addSuppressed(primary);
      }
      throw networkFailure(endpoint, requestId, e);
    }
  }

  private static boolean fallbackWorthy(int status) {
    return status == 400 || status >= 500;
  }

  private Reply withRetries(
      HttpUrl root,
      Endpoint endpoint,
      List<Map.Entry<String, String>> query,
      byte[] bytes,
      String requestId)
      throws IOException {
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= settings.maxRetries();
      Reply reply;
      try {
        reply = attempt(root, endpoint, query, bytes, requestId, attempt);
      } catch (IOException e) {
        if (last) {
          throw e;
        }
        logger.debug(
            "{} '{}' attempt {} failed: {}",
            endpoint.method(),
            endpoint.path(),
            attempt,
            e.toString());
        pause(backoff(attempt), endpoint, requestId);
        continue;
      }
      if (last || !retryableStatus(reply.status())) {
        return reply;
      }
      Duration wait = backoff(attempt);
      if (reply.status() == 429 && reply.retryAfter() != null) {
        if (reply.retryAfter().compareTo(settings.maxRetryAfter()) > 0) {
          return reply;
        }
        wait = reply.retryAfter();
      }
      pause(wait, endpoint, requestId);
    }
  }

  static boolean retryableStatus(int status) {
    return status == 429 || (status >= 500 && status != 501);
  }

  /** Full jitter over half the exponential step: a delay in [d/2, d]. */
  Duration backoff(int attempt) {
    long base = settings.initialBackoff().toNanos() << Math.min(attempt, 20);
    long capped = Math.min(base, settings.maxBackoff().toNanos());
    long half = capped / 2;
    long jitter = half == 0 ? 0 : (long) (settings.random().nextDouble() * (half + 1));
    return Duration.ofNanos(half + jitter);
  }

  private void pause(Duration wait, Endpoint endpoint, String requestId) {
    try {
      settings.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OsoClientException(
          "interrupted while waiting to retry '" + endpoint.path() + "'", 0, requestId, true, e);
    }
  }

  private Reply attempt(
      HttpUrl root,
      Endpoint endpoint,
      List<Map.Entry<String, String>> query,
      byte[] bytes,
      String requestId,
      int attempt)
      throws IOException {
    Request request = request(root, endpoint, query, bytes, requestId);
    long start = System.nanoTime();
    try (Response response = client.newCall(request).execute()) {
      ResponseBody rb = response.body();
      byte[] content = rb == null ? new byte[0] : rb.bytes();
      String echoed = response.header("X-Request-ID");
      Reply reply =
          new Reply(
              response.code(),
              content,
              echoed == null || echoed.isBlank() ? requestId : echoed,
              parseRetryAfter(response.header("Retry-After")),
              response.header("OsoOffset"));
      if (logger.isDebugEnabled()) {
        logger.debug(
            "{} {} -> {} in {} us (request id '{}', attempt {})",
            endpoint.method(),
            request.url().encodedPath(),
            reply.status(),
            (System.nanoTime() - start) / 1000,
            requestId,
            attempt);
      }
      return reply;
    }
  }

  private void rememberOffset(Reply reply) {
    if (reply.offset() != null) {
      offset.set(reply.offset());
    }
  }

  private Request request(
      HttpUrl root,
      Endpoint endpoint,
      List<Map.Entry<String, String>> query,
      byte[] bytes,
      String requestId) {
    Headers.Builder headers = fixedHeaders().newBuilder().add("X-Request-ID", requestId);
    String known = offset.get();
    if (known != null) {
      headers.add("OsoOffset", known);
    }
    Request.Builder b =
        new Request.Builder().url(url(root, endpoint, query)).headers(headers.build());
    if (endpoint.method().equals("GET")) {
      b.get();
    } else {
      b.method(endpoint.method(), RequestBody.create(bytes, JSON));
    }
    return b.build();
  }

  private HttpUrl url(HttpUrl root, Endpoint endpoint, List<Map.Entry<String, String>> query) {
    if (query.isEmpty()) {
      String key = root == base ? endpoint.path() : "fallback:" + endpoint.path();
      HttpUrl known = plainUrls.get(key);
      if (known == null) {
        known = root.newBuilder().addPathSegments(endpoint.path().substring(1)).build();
        plainUrls.put(key, known);
      }
      return known;
    }
    HttpUrl.Builder url = root.newBuilder().addPathSegments(endpoint.path().substring(1));
    query.forEach(e -> url.addQueryParameter(e.getKey(), e.getValue()));
    return url.build();
  }

  /**
   * Returns a random version-4 UUID from {@link ThreadLocalRandom}: request ids need uniqueness,
   * not secrecy, and {@link UUID#randomUUID()} serialises callers on one {@code SecureRandom}.
   *
   * @return the id
   */
  static String newRequestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  static @Nullable Duration parseRetryAfter(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(header.trim());
      if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        return null;
      }
      return Duration.ofNanos((long) (seconds * 1e9));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  JsonNode parseSuccess(Endpoint endpoint, Reply reply) {
    if (reply.content().length == 0) {
      return Wire.object();
    }
    try {
      return Wire.parse(reply.content());
    } catch (WireFormatException e) {
      throw new OsoClientException(
          "unexpected response to '"
              + endpoint.path()
              + "' (status "
              + reply.status()
              + ", request id '"
              + reply.requestId()
              + "'): "
              + e.getMessage(),
          reply.status(),
          reply.requestId(),
          false,
          e);
    }
  }

  OsoClientException failure(Endpoint endpoint, Reply reply) {
    String message = errorMessage(reply.body());
    return new OsoClientException(
        "oso server error on '"
            + endpoint.path()
            + "': "
            + message
            + " (status "
            + reply.status()
            + ", request id '"
            + reply.requestId()
            + "')",
        reply.status(),
        reply.requestId(),
        retryableStatus(reply.status()) || reply.status() == 409,
        null);
  }

  private static String errorMessage(String body) {
    try {
      JsonNode node = Wire.parse(body.getBytes(StandardCharsets.UTF_8));
      JsonNode message = node.isObject() ? node.get("message") : null;
      if (message != null && message.isString()) {
        return message.stringValue();
      }
    } catch (WireFormatException e) {
      // not JSON: the raw text is the message
    }
    String trimmed = body.strip();
    if (trimmed.isEmpty()) {
      return "no message";
    }
    return trimmed.length() > MAX_ERROR_TEXT ? trimmed.substring(0, MAX_ERROR_TEXT) + "…" : trimmed;
  }

  private static OsoClientException networkFailure(
      Endpoint endpoint, String requestId, IOException e) {
    if (e instanceof InterruptedIOException) {
      return new OsoTimeoutException(
          "timed out calling '"
              + endpoint.path()
              + "' (request id '"
              + requestId
              + "'): "
              + e.getMessage(),
          requestId,
          e);
    }
    return new OsoClientException(
        "network error calling '" + endpoint.path() + "' (request id '" + requestId + "'): " + e,
        0,
        requestId,
        true,
        e);
  }

  /** The last {@code OsoOffset} a mutation returned, or null. */
  @Nullable String offset() {
    return offset.get();
  }

  String instanceId() {
    return instanceId;
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
