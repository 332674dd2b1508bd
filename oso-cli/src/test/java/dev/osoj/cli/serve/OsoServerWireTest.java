package dev.osoj.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Oso;
import dev.osoj.internal.http.Wire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP layer of {@code oso serve} on loopback: authentication, limits, malformed requests and
 * routing. The backend fails the test if reached, which proves these requests change nothing.
 */
class OsoServerWireTest {
  private static final String KEY = ServeCommand.DEFAULT_API_KEY;
  private static final MediaType JSON = MediaType.get("application/json");

  private OsoServer server;
  private final OkHttpClient http = new OkHttpClient();

  /** A backend that must not be reached. */
  private static final class Untouchable implements ServeBackend {
    @Override
    public Oso oso() {
      throw new AssertionError("the backend must not be reached");
    }

    @Override
    public void policy(String src) {
      throw new AssertionError("the backend must not be reached");
    }

    @Override
    public Oso withBindings(String dataBindings) {
      throw new AssertionError("the backend must not be reached");
    }

    @Override
    public void clearData() {
      throw new AssertionError("the backend must not be reached");
    }

    @Override
    public Stats stats() {
      throw new AssertionError("the backend must not be reached");
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void start() throws IOException {
    server = new OsoServer(new Untouchable(), null, KEY, new InetSocketAddress("127.0.0.1", 0), 2);
    server.start();
  }

  @AfterEach
  void stop() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    server.close();
  }

  private record Reply(int status, JsonNode body, @Nullable String requestId) {}

  private Reply call(String method, String path, @Nullable String auth, byte @Nullable [] body)
      throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url("http://127.0.0.1:" + server.port() + path)
            .header("X-Request-ID", "rid-1");
    if (auth != null) {
      b.header("Authorization", auth);
    }
    b.method(method, body == null ? null : RequestBody.create(body, JSON));
    try (Response r = http.newCall(b.build()).execute()) {
      byte[] bytes = r.body().bytes();
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      return new Reply(r.code(), Wire.parse(bytes), r.header("X-Request-ID"));
    }
  }

  private Reply post(String path, String json) throws IOException {
    return call("POST", path, "Bearer " + KEY, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void healthcheck_withoutKey_answersOk() throws IOException {
    Reply r = call("GET", "/api/healthcheck", null, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.requestId()).isEqualTo("rid-1");
  }

  @Test
  void anyEndpoint_missingOrWrongKey_is401Json() throws IOException {
    Reply missing = call("POST", "/api/authorize", null, "{}".getBytes(StandardCharsets.UTF_8));
    Reply wrong = call("GET", "/api/facts?predicate=x", "Bearer nope", null);
    Reply notBearer = call("GET", "/api/policy", KEY, null);

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.body().get("message").stringValue()).contains("Authorization: Bearer");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(notBearer.status()).isEqualTo(401);
  }

  @Test
  void post_malformedJson_is400WithMessage() throws IOException {
    Reply r = post("/api/authorize", "{\"actor_type\": ");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("message").stringValue()).startsWith("body is not valid JSON");
  }

  @Test
  void authorize_missingField_is400NamingIt() throws IOException {
    Reply r =
        post(
            "/api/authorize",
            "{\"actor_type\":\"User\",\"action\":\"read\",\"resource_type\":\"Repo\","
                + "\"resource_id\":\"a\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("message").stringValue())
        .isEqualTo("missing string field 'body.actor_id'");
  }

  @Test
  void batch_oneBadFactAmongGood_is400AndTouchesNothing() throws IOException {
    Reply r =
        post(
            "/api/batch",
            "[{\"inserts\":[{\"predicate\":\"is_public\",\"args\":[{\"type\":\"Repo\",\"id\":\"a\"}]}]},"
                + "{\"inserts\":[{\"predicate\":\"is_public\",\"args\":[{\"type\":\"Repo\",\"id\":\"\"}]}]}]");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("message").stringValue())
        .contains("body[1][0].args[0]")
        .contains("must not be empty");
  }

  @Test
  void batch_changesetWithBothKinds_is400() throws IOException {
    Reply r = post("/api/batch", "[{\"inserts\":[],\"deletes\":[]}]");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("message").stringValue()).contains("exactly one of");
  }

  @Test
  void facts_idWithoutType_is400() throws IOException {
    Reply r = call("GET", "/api/facts?predicate=has_role&args.1.id=x", "Bearer " + KEY, null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("message").stringValue()).contains("has an id but no type");
  }

  @Test
  void facts_unknownParameter_is400() throws IOException {
    Reply r = call("GET", "/api/facts?predicate=p&argz.0.type=User", "Bearer " + KEY, null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("message").stringValue()).contains("'argz.0.type'");
  }

  @Test
  void post_bodyOver10MiB_is413() throws IOException {
    byte[] big = new byte[OsoServer.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');

    Reply r = call("POST", "/api/batch", "Bearer " + KEY, big);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body().get("message").stringValue()).contains("10 MiB");
  }

  @Test
  void unknownEndpointOrMethod_is404Or405() throws IOException {
    assertThat(post("/api/nothing", "{}").status()).isEqualTo(404);
    assertThat(call("GET", "/elsewhere", "Bearer " + KEY, null).status()).isEqualTo(404);
    assertThat(call("PUT", "/api/policy", "Bearer " + KEY, new byte[0]).status()).isEqualTo(405);
  }

  @Test
  void evaluateQueryLocal_unknownMode_is400() throws IOException {
    Reply r =
        post(
            "/api/evaluate_query_local",
            "{\"query\":{\"predicate\":[\"allow\",[]],\"calls\":[],\"constraints\":{}},"
                + "\"data_bindings\":\"\",\"mode\":{\"mode\":\"other\"}}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("message").stringValue()).contains("'select' or 'filter'");
  }

  /** Sends raw bytes on one connection and returns everything the server wrote until it closed. */
  private String raw(String request) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void http_keepAlive_servesSeveralRequestsOnOneConnection() throws IOException {
    String health = "GET /api/healthcheck HTTP/1.1\r\nHost: x\r\n\r\n";
    String last = "GET /api/healthcheck HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    String out = raw(health + health + last);

    assertThat(out.split("HTTP/1.1 200 OK", -1)).hasSize(4);
    assertThat(out).contains("Connection: close");
  }

  @Test
  void http_chunkedBodyWithExpectContinue_isRead() throws IOException {
    String out =
        raw(
            "POST /api/authorize HTTP/1.1\r\nAuthorization: Bearer "
                + KEY
                + "\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\nConnection: close"
                + "\r\n\r\n3\r\n{\"a\r\n2\r\n\":\r\n0\r\n\r\n");

    assertThat(out).startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 400 Bad Request");
    assertThat(out).contains("body is not valid JSON");
  }

  @Test
  void http_malformedRequestLineOrHugeHeader_isRefusedAndClosed() throws IOException {
    assertThat(raw("NONSENSE\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ")
        .contains("malformed request line");
    String huge = "GET /api/healthcheck HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n";
    assertThat(raw(huge)).startsWith("HTTP/1.1 431 ");
  }

  @Test
  void http_http10WithoutKeepAlive_isClosedAfterOneAnswer() throws IOException {
    String out = raw("GET /api/healthcheck HTTP/1.0\r\n\r\n");

    assertThat(out).startsWith("HTTP/1.1 200 OK").contains("Connection: close");
  }
}
