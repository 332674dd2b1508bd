package dev.osoj.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.EvaluateArgs;
import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.ListPage;
import dev.osoj.Oso;
import dev.osoj.OsoClientException;
import dev.osoj.OsoTimeoutException;
import dev.osoj.TypedVar;
import dev.osoj.Value;
import dev.osoj.ValuePattern;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The remote client against a scripted server: headers, faults, retries, fallback, paging. */
class HttpOsoFaultTest {
  private static final String KEY = "e_0123456789_12345_osotesttoken01xiIn";
  private static final Value ALICE = new Value("User", "alice");
  private static final Value ANVIL = new Value("Repository", "anvil");

  private final MockWebServer server = new MockWebServer();
  private final MockWebServer fallback = new MockWebServer();
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final List<HttpOso> clients = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server.start();
    fallback.start();
  }

  @AfterEach
  void stop() throws IOException {
    clients.forEach(HttpOso::close);
    server.shutdown();
    fallback.shutdown();
  }

  private HttpOso client(@Nullable String fallbackUrl, Duration readTimeout, int retries) {
    return client(server.url("/").toString(), fallbackUrl, readTimeout, retries, null);
  }

  private HttpOso client(
      String url,
      @Nullable String fallbackUrl,
      Duration readTimeout,
      int retries,
      @Nullable String bindings) {
    HttpOso oso =
        new HttpOso(
            new RemoteSettings(
                url,
                KEY,
                fallbackUrl,
                Duration.ofSeconds(2),
                readTimeout,
                Duration.ofSeconds(2),
                retries,
                Duration.ofMillis(10),
                Duration.ofMillis(80),
                Duration.ofSeconds(30),
                RemoteSettings.defaultUserAgent(),
                bindings,
                4,
                new Random(42),
                sleeps::add));
    clients.add(oso);
    return oso;
  }

  private HttpOso client() {
    return client(null, Duration.ofSeconds(5), 2);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static JsonNode body(RecordedRequest request) {
    return Wire.parse(request.getBody().readByteArray());
  }

  @Test
  void authorize_anyCall_sendsTheOfficialHeadersAndBody() throws Exception {
    server.enqueue(json(200, "{\"allowed\": true}"));
    server.enqueue(json(200, "{\"allowed\": false}"));
    HttpOso oso = client();

    assertThat(oso.authorize(ALICE, "read", ANVIL)).isTrue();
    assertThat(oso.authorize(ALICE, "write", ANVIL, List.of(Fact.of("is_public", ANVIL))))
        .isFalse();

    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(first.getMethod()).isEqualTo("POST");
    assertThat(first.getPath()).isEqualTo("/api/authorize");
    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(first.getHeader("Accept")).isEqualTo("application/json");
    assertThat(first.getHeader("Content-Type")).startsWith("application/json");
    assertThat(first.getHeader("X-OsoApiVersion")).isEqualTo("0");
    assertThat(first.getHeader("User-Agent"))
        .matches("Oso Cloud \\(java [^;]+; rv:" + RemoteSettings.LIBRARY_VERSION + "\\)");
    assertThat(first.getHeader("X-Request-ID"))
        .matches("[0-9a-f-]{36}")
        .isNotEqualTo(second.getHeader("X-Request-ID"));
    assertThat(first.getHeader("X-Oso-Instance-Id"))
        .matches("[0-9a-f-]{36}")
        .isEqualTo(second.getHeader("X-Oso-Instance-Id"));
    assertThat(first.getHeader("OsoOffset")).isNull();
    JsonNode b = body(second);
    assertThat(b.get("actor_type").stringValue()).isEqualTo("User");
    assertThat(b.get("actor_id").stringValue()).isEqualTo("alice");
    assertThat(b.get("action").stringValue()).isEqualTo("write");
    assertThat(b.get("resource_type").stringValue()).isEqualTo("Repository");
    assertThat(b.get("resource_id").stringValue()).isEqualTo("anvil");
    assertThat(b.get("context_facts").toString())
        .isEqualTo(
            "[{\"predicate\":\"is_public\",\"args\":[{\"type\":\"Repository\",\"id\":\"anvil\"}]}]");
  }

  @Test
  void call_serverSlowerThanReadTimeout_throwsTimeoutAfterRetries() {
    for (int i = 0; i < 2; i++) {
      server.enqueue(json(200, "{\"allowed\": true}").setHeadersDelay(1500, TimeUnit.MILLISECONDS));
    }
    HttpOso oso = client(null, Duration.ofMillis(150), 1);

    assertThatThrownBy(() -> oso.authorize(ALICE, "read", ANVIL))
        .isInstanceOf(OsoTimeoutException.class)
        .hasMessageContaining("timed out calling '/authorize'")
        .satisfies(
            e -> {
              OsoTimeoutException t = (OsoTimeoutException) e;
              assertThat(t.requestId()).isNotNull();
              assertThat(t.retryable()).isTrue();
            });
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void call_429WithRetryAfter_waitsThatLongAndRetries() throws Exception {
    server.enqueue(json(429, "{\"message\": \"slow down\"}").setHeader("Retry-After", "1.5"));
    server.enqueue(json(200, "{\"allowed\": true}"));
    HttpOso oso = client();

    assertThat(oso.authorize(ALICE, "read", ANVIL)).isTrue();
    assertThat(sleeps).containsExactly(Duration.ofMillis(1500));
    assertThat(server.takeRequest().getHeader("X-Request-ID"))
        .isEqualTo(server.takeRequest().getHeader("X-Request-ID"));
  }

  @Test
  void call_429WithRetryAfterBeyondLimit_failsRetryableWithoutWaiting() {
    server.enqueue(json(429, "{\"message\": \"rate limited\"}").setHeader("Retry-After", "120"));
    HttpOso oso = client();

    assertThatThrownBy(() -> oso.authorize(ALICE, "read", ANVIL))
        .isInstanceOfSatisfying(
            OsoClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("rate limited");
            });
    assertThat(sleeps).isEmpty();
  }

  @Test
  void call_500ThenSuccess_retriesWithJitteredBackoff() {
    server.enqueue(json(500, "{\"message\": \"boom\"}"));
    server.enqueue(json(503, "unavailable"));
    server.enqueue(json(200, "{\"results\": [\"read\", \"admin\"]}"));
    HttpOso oso = client();

    assertThat(oso.actions(ALICE, ANVIL)).containsExactly("admin", "read");
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  @Test
  void call_500Always_failsWithStatusMessageAndEchoedRequestId() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(500, "{\"message\": \"db down\"}").setHeader("X-Request-ID", "srv-" + i));
    }
    HttpOso oso = client();

    assertThatThrownBy(() -> oso.authorize(ALICE, "read", ANVIL))
        .isInstanceOfSatisfying(
            OsoClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.requestId()).isEqualTo("srv-2");
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage())
                  .isEqualTo(
                      "oso server error on '/authorize': db down (status 500, request id"
                          + " 'srv-2')");
            });
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void call_400_isNotRetriedAndCarriesRawTextWhenNotJson() {
    server.enqueue(new MockResponse().setResponseCode(400).setBody("plain failure"));
    HttpOso oso = client();

    assertThatThrownBy(() -> oso.authorize(ALICE, "read", ANVIL))
        .isInstanceOfSatisfying(
            OsoClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains(": plain failure (status 400");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void call_malformedJsonOn200_failsAsUnexpectedResponse() {
    server.enqueue(json(200, "{\"allowed\": tru"));
    server.enqueue(json(200, "{\"allowed\": \"yes\"}"));
    HttpOso oso = client();

    assertThatThrownBy(() -> oso.authorize(ALICE, "read", ANVIL))
        .isInstanceOf(OsoClientException.class)
        .hasMessageContaining("unexpected response to '/authorize'")
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> oso.authorize(ALICE, "read", ANVIL))
        .isInstanceOf(OsoClientException.class)
        .hasMessageContaining("'allowed' must be a boolean");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void call_connectionDroppedOnce_retriesAndSucceeds() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "{\"allowed\": true}"));
    HttpOso oso = client();

    assertThat(oso.authorize(ALICE, "read", ANVIL)).isTrue();
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void call_serverClosedTheKeptAliveConnection_nextCallStillSucceedsWithoutRetries() {
    server.enqueue(
        json(200, "{\"allowed\": true}").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    server.enqueue(json(200, "{\"allowed\": false}"));
    HttpOso oso = client(null, Duration.ofSeconds(5), 0);

    assertThat(oso.authorize(ALICE, "read", ANVIL)).isTrue();
    assertThat(oso.authorize(ALICE, "read", ANVIL)).isFalse();
    assertThat(sleeps).isEmpty();
  }

  @Test
  void call_connectionAlwaysReset_failsAsRetryableNetworkError() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }
    HttpOso oso = client();

    assertThatThrownBy(() -> oso.get(FactPattern.of("has_role", ValuePattern.ANY)))
        .isInstanceOfSatisfying(
            OsoClientException.class,
            e -> {
              assertThat(e).isNotInstanceOf(OsoTimeoutException.class);
              assertThat(e.status()).isZero();
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).startsWith("network error calling '/facts'");
            });
  }

  @Test
  void read_primaryFailsWith500_fallbackAnswersWithSameRequestId() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(502, "{\"message\": \"bad gateway\"}"));
    }
    fallback.enqueue(json(200, "{\"allowed\": true}"));
    HttpOso oso = client(fallback.url("/").toString(), Duration.ofSeconds(5), 2);

    assertThat(oso.authorize(ALICE, "read", ANVIL)).isTrue();
    RecordedRequest fb = fallback.takeRequest();
    assertThat(fb.getPath()).isEqualTo("/api/authorize");
    assertThat(fb.getHeader("X-Request-ID"))
        .isEqualTo(server.takeRequest().getHeader("X-Request-ID"));
    assertThat(body(fb).get("actor_id").stringValue()).isEqualTo("alice");
  }

  @Test
  void read_primaryUnreachable_fallbackTakesOverAndItsErrorIsReported() throws Exception {
    String dead = "http://127.0.0.1:" + freePort();
    fallback.enqueue(json(200, "{\"results\": [\"read\"]}"));
    fallback.enqueue(json(404, "{\"message\": \"no such thing\"}"));
    HttpOso oso = client(dead, fallback.url("/").toString(), Duration.ofSeconds(5), 1, null);

    assertThat(oso.actions(ALICE, ANVIL)).containsExactly("read");
    assertThatThrownBy(() -> oso.actions(ALICE, ANVIL))
        .isInstanceOfSatisfying(
            OsoClientException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(fallback.getRequestCount()).isEqualTo(2);
  }

  @Test
  void write_primaryFails_isNeverSentToFallback() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(500, "{\"message\": \"down\"}"));
    }
    HttpOso oso = client(fallback.url("/").toString(), Duration.ofSeconds(5), 2);

    assertThatThrownBy(() -> oso.insert(Fact.of("is_public", ANVIL)))
        .isInstanceOf(OsoClientException.class);
    assertThat(fallback.getRequestCount()).isZero();
  }

  @Test
  void call_bodyOf10MiB_isRefusedBeforeAnyIo() {
    HttpOso oso = client();
    String big = "x".repeat(300);
    List<Fact> context = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      context.add(Fact.of("has_label", ANVIL, Value.of(big + i)));
    }

    assertThatThrownBy(() -> oso.authorize(ALICE, "read", ANVIL, context))
        .isInstanceOfSatisfying(
            OsoClientException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.requestId()).isNull();
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("10 MiB limit; nothing was sent");
            });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void write_returningOsoOffset_isEchoedOnLaterRequests() throws Exception {
    server.enqueue(json(200, "{\"message\": \"ok\"}").setHeader("OsoOffset", "offset-17"));
    server.enqueue(json(200, "[]"));
    server.enqueue(json(200, "{\"message\": \"ok\"}").setHeader("OsoOffset", "offset-18"));
    server.enqueue(json(200, "{\"allowed\": true}"));
    HttpOso oso = client();

    oso.insert(Fact.of("is_public", ANVIL));
    oso.get(FactPattern.of("is_public", ValuePattern.ANY));
    oso.delete(Fact.of("is_public", ANVIL));
    oso.authorize(ALICE, "read", ANVIL);

    assertThat(server.takeRequest().getHeader("OsoOffset")).isNull();
    assertThat(server.takeRequest().getHeader("OsoOffset")).isEqualTo("offset-17");
    assertThat(server.takeRequest().getHeader("OsoOffset")).isEqualTo("offset-17");
    assertThat(server.takeRequest().getHeader("OsoOffset")).isEqualTo("offset-18");
    assertThat(oso.consistencyOffset()).isEqualTo("offset-18");
  }

  @Test
  void listPaginated_409WithRetryAfter_waitsAndAsksAgain() throws Exception {
    server.enqueue(json(409, "{\"message\": \"not ready\"}").setHeader("Retry-After", "0.25"));
    server.enqueue(json(200, "{\"results\": [\"a\", \"b\"], \"next_page_token\": \"t1\"}"));
    HttpOso oso = client();

    ListPage page = oso.listPaginated(ALICE, "read", "Repository", 2, null, List.of());

    assertThat(page).isEqualTo(new ListPage(List.of("a", "b"), "t1"));
    assertThat(sleeps).containsExactly(Duration.ofMillis(250));
    server.takeRequest();
    JsonNode b = body(server.takeRequest());
    assertThat(b.get("page_size").intValue()).isEqualTo(2);
    assertThat(b.get("page_token").isNull()).isTrue();
  }

  @Test
  void list_severalPages_concatenatesUntilNoToken() throws Exception {
    server.enqueue(json(200, "{\"results\": [\"a\"], \"next_page_token\": \"t1\"}"));
    server.enqueue(json(200, "{\"results\": [\"b\"], \"next_page_token\": null}"));
    HttpOso oso = client();

    assertThat(oso.list(ALICE, "read", "Repository")).containsExactly("a", "b");
    assertThat(body(server.takeRequest()).get("page_size").intValue()).isEqualTo(10_000);
    assertThat(body(server.takeRequest()).get("page_token").stringValue()).isEqualTo("t1");
  }

  @Test
  void get_patternWithWildcards_becomesQueryParameters() throws Exception {
    server.enqueue(
        json(
            200,
            "[{\"predicate\":\"has_role\",\"args\":[{\"type\":\"User\",\"id\":\"bob\"},"
                + "{\"type\":\"String\",\"id\":\"owner\"},{\"type\":\"Repository\",\"id\":\"x\"}]}]"));
    HttpOso oso = client();

    List<Fact> facts =
        oso.get(
            FactPattern.of(
                "has_role",
                ValuePattern.exact(new Value("User", "bob")),
                ValuePattern.ANY,
                ValuePattern.ofType("Repository")));

    assertThat(facts)
        .containsExactly(
            Fact.of(
                "has_role",
                new Value("User", "bob"),
                Value.of("owner"),
                new Value("Repository", "x")));
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getPath())
        .isEqualTo(
            "/api/facts?predicate=has_role&args.0.type=User&args.0.id=bob&args.2.type=Repository");
  }

  @Test
  void batch_mixedWrites_groupsConsecutiveKindsInOrder() throws Exception {
    server.enqueue(json(200, "{\"message\": \"ok\"}"));
    HttpOso oso = client();
    Fact f1 = Fact.of("is_public", ANVIL);
    Fact f2 = Fact.of("is_public", new Value("Repository", "gear"));

    oso.batch(
        tx -> {
          tx.insert(f1);
          tx.insert(f2);
          tx.delete(FactPattern.of("is_public", ValuePattern.ofType("Repository")));
          tx.insert(f1);
        });
    oso.batch(tx -> {});

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(body(server.takeRequest()).toString())
        .isEqualTo(
            "[{\"inserts\":[{\"predicate\":\"is_public\",\"args\":[{\"type\":\"Repository\",\"id\":\"anvil\"}]},"
                + "{\"predicate\":\"is_public\",\"args\":[{\"type\":\"Repository\",\"id\":\"gear\"}]}]},"
                + "{\"deletes\":[{\"predicate\":\"is_public\",\"args\":[{\"type\":\"Repository\",\"id\":null}]}]},"
                + "{\"inserts\":[{\"predicate\":\"is_public\",\"args\":[{\"type\":\"Repository\",\"id\":\"anvil\"}]}]}]");
  }

  @Test
  void evaluate_queryBuilder_sendsPredicateCallsAndConstraints() throws Exception {
    HttpOso oso = client();
    TypedVar repo = new TypedVar("Repository", "r");
    TypedVar action = new TypedVar("String", "a");
    server.enqueue(
        json(
            200,
            "{\"results\": [{\"r\": \"anvil\", \"a\": \"read\"}, {\"r\": \"anvil\", \"a\": \"write\"},"
                + " {\"r\": null, \"a\": \"read\"}]}"));

    Map<String, List<String>> byRepo =
        oso.buildQuery("allow", ALICE, action, repo)
            .and("is_public", repo)
            .in(repo, List.of("anvil", "gear"))
            .evaluate(EvaluateArgs.map(repo, EvaluateArgs.values(action)));

    assertThat(byRepo)
        .containsExactly(
            Map.entry("anvil", List.of("read", "write")), Map.entry("*", List.of("read")));
    JsonNode b = body(server.takeRequest());
    String hidden = b.get("predicate").get(1).get(0).stringValue();
    assertThat(b.get("predicate").toString())
        .isEqualTo("[\"allow\",[\"" + hidden + "\",\"a\",\"r\"]]");
    assertThat(b.get("calls").toString()).isEqualTo("[[\"is_public\",[\"r\"]]]");
    assertThat(b.get("constraints").get(hidden).toString())
        .isEqualTo("{\"type\":\"User\",\"ids\":[\"alice\"]}");
    assertThat(b.get("constraints").get("a").toString())
        .isEqualTo("{\"type\":\"String\",\"ids\":null}");
    assertThat(b.get("constraints").get("r").toString())
        .isEqualTo("{\"type\":\"Repository\",\"ids\":[\"anvil\",\"gear\"]}");
    assertThat(b.get("context_facts").toString()).isEqualTo("[]");
  }

  @Test
  void local_withBindings_sendsYamlAndModes() throws Exception {
    HttpOso oso = client(server.url("/").toString(), null, Duration.ofSeconds(5), 0, "facts: {}\n");
    server.enqueue(json(200, "{\"sql\": \"SELECT 1\"}"));
    server.enqueue(json(200, "{\"sql\": \"repos.id IN (1)\"}"));
    server.enqueue(json(200, "{\"sql\": \"SELECT true AS result\"}"));
    TypedVar repo = new TypedVar("Repository", "r");

    assertThat(oso.authorizeLocal(ALICE, "read", ANVIL, List.of())).isEqualTo("SELECT 1");
    assertThat(oso.listLocal(ALICE, "read", "Repository", "repos.id", List.of()))
        .isEqualTo("repos.id IN (1)");
    assertThat(oso.buildQuery("allow", ALICE, "read", repo).evaluateLocalSelect(Map.of("id", repo)))
        .isEqualTo("SELECT true AS result");

    JsonNode a = body(server.takeRequest());
    assertThat(a.get("data_bindings").stringValue()).isEqualTo("facts: {}\n");
    assertThat(a.get("query").get("resource_id").stringValue()).isEqualTo("anvil");
    JsonNode l = body(server.takeRequest());
    assertThat(l.get("column").stringValue()).isEqualTo("repos.id");
    RecordedRequest e = server.takeRequest();
    assertThat(e.getPath()).isEqualTo("/api/evaluate_query_local");
    assertThat(body(e).get("mode").toString())
        .isEqualTo("{\"mode\":\"select\",\"query_vars_to_output_column_names\":{\"r\":\"id\"}}");
  }

  @Test
  void local_withoutBindings_failsBeforeSending() {
    HttpOso oso = client();

    assertThatThrownBy(() -> oso.actionsLocal(ALICE, ANVIL, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("data bindings");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void build_urlWithTrailingSlash_stripsItAndMasksKey() throws Exception {
    server.enqueue(json(200, "{\"allowed\": true}"));
    try (Oso oso = Oso.remote(server.url("/").toString() + "//", KEY).build()) {
      assertThat(oso.authorize(ALICE, "read", ANVIL)).isTrue();
      assertThat(oso.toString()).doesNotContain(KEY).contains("e_01****");
    }
    assertThat(server.takeRequest().getPath()).isEqualTo("/api/authorize");
    assertThat(Oso.remote("http://x", KEY).toString()).doesNotContain(KEY);
  }

  @Test
  void build_badSettings_areRefused() {
    assertThatThrownBy(() -> Oso.remote("ftp://example.com", KEY).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url 'ftp://example.com' must use http or https");
    assertThatThrownBy(() -> Oso.remote("not a url", KEY).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Oso.remote("http://x", "  ").build())
        .hasMessage("api key must not be empty");
    assertThatThrownBy(() -> Oso.remote("http://x", KEY).readTimeout(Duration.ZERO).build())
        .hasMessageContaining("read timeout");
    assertThatThrownBy(() -> Oso.remote("http://x", KEY).maxRetries(-1).build())
        .hasMessageContaining("max retries '-1'");
    assertThatThrownBy(() -> Oso.remote("http://x", KEY).fallbackUrl("file:///x").build())
        .hasMessageContaining("fallback url");
  }

  @Test
  void listFilter_secondPageFails_throwsAndReturnsNoPartialFilter() {
    server.enqueue(json(200, "{\"results\": [\"a\"], \"next_page_token\": \"t1\"}"));
    server.enqueue(json(400, "{\"message\": \"bad page token\"}"));
    HttpOso oso = client();

    assertThatThrownBy(() -> oso.listFilter(ALICE, "read", "Repository"))
        .isInstanceOfSatisfying(
            OsoClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("bad page token");
            });
  }

  @Test
  void listFilter_bindingsWithUnknownSqlType_failsBeforeAnyRequest() {
    HttpOso oso =
        client(
            server.url("/").toString(),
            null,
            Duration.ofSeconds(5),
            0,
            "sql_types:\n  Repository: decimal\n");

    assertThatThrownBy(() -> oso.listFilter(ALICE, "read", "Repository"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decimal");
    assertThat(server.getRequestCount()).isZero();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
