package dev.osoj.internal.http;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.ListPage;
import dev.osoj.Oso;
import dev.osoj.OsoClientException;
import dev.osoj.PolicyMetadata;
import dev.osoj.Query;
import dev.osoj.Transaction;
import dev.osoj.Value;
import dev.osoj.ValuePattern;
import dev.osoj.internal.http.HttpTransport.Endpoint;
import dev.osoj.internal.http.HttpTransport.Reply;
import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.LocalBindings;
import dev.osoj.sql.SqlType;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link Oso} over the Oso Cloud HTTP API.
 *
 * <p>Every failure of the server or the network surfaces as {@link OsoClientException} (timeouts as
 * {@link dev.osoj.OsoTimeoutException}), carrying the HTTP status, the request id and whether a
 * retry may help; policy and fact errors reported by the server are among them, with the server's
 * message.
 *
 * <p>Limitations: {@link #listFilter} is a fixed list of the authorized ids (the policy and the
 * facts are on the server), not a plan over the application's tables; the local-authorization
 * methods need the data bindings text given to the builder.
 */
public final class HttpOso implements Oso {
  /** The page size {@link #list} asks for, the server's minimum. */
  static final int LIST_PAGE_SIZE = 10_000;

  /** How often {@link #listPaginated} asks again after 409, first attempt included. */
  static final int LIST_ATTEMPTS = 10;

  private static final Logger logger = LoggerFactory.getLogger(HttpOso.class);

  private static final Endpoint POLICY = Endpoint.write("/policy");
  private static final Endpoint POLICY_METADATA = Endpoint.read("GET", "/policy_metadata");
  private static final Endpoint FACTS = Endpoint.read("GET", "/facts");
  private static final Endpoint BATCH = Endpoint.write("/batch");
  private static final Endpoint AUTHORIZE = Endpoint.read("POST", "/authorize");
  private static final Endpoint LIST = Endpoint.read("POST", "/list");
  private static final Endpoint ACTIONS = Endpoint.read("POST", "/actions");
  private static final Endpoint EVALUATE = Endpoint.read("POST", "/evaluate_query");
  private static final Endpoint AUTHORIZE_QUERY = Endpoint.read("POST", "/authorize_query");
  private static final Endpoint LIST_QUERY = Endpoint.read("POST", "/list_query");
  private static final Endpoint ACTIONS_QUERY = Endpoint.read("POST", "/actions_query");
  private static final Endpoint EVALUATE_LOCAL = Endpoint.read("POST", "/evaluate_query_local");
  private static final Endpoint CLEAR_DATA = Endpoint.write("/clear_data");
  private static final Endpoint STATS = new Endpoint("GET", "/stats", false, false);
  private static final Endpoint EXPECT = new Endpoint("POST", "/expect", false, false);

  private final RemoteSettings settings;
  private final HttpTransport transport;

  /** The data bindings' {@code sql_types}, read on the first {@link #listFilter}. */
  private volatile @Nullable Map<String, SqlType> sqlTypes;

  /**
   * Creates a client.
   *
   * @param settings validated settings
   */
  public HttpOso(RemoteSettings settings) {
    this.settings = requireNonNull(settings, "settings");
    this.transport = new HttpTransport(settings);
    logger.debug("created remote oso client {}", settings);
  }

  // ---- policy ----

  @Override
  public void policy(String source) {
    requireNonNull(source, "source");
    ObjectNode body = Wire.object();
    body.put("filename", "");
    body.put("src", source);
    transport.call(POLICY, List.of(), body);
  }

  @Override
  public PolicyMetadata policyMetadata() {
    JsonNode body = transport.call(POLICY_METADATA, List.of(), null);
    return decode(POLICY_METADATA, () -> Wire.toPolicyMetadata(body));
  }

  // ---- facts ----

  @Override
  public void insert(Fact fact) {
    requireNonNull(fact, "fact");
    batch(tx -> tx.insert(fact));
  }

  @Override
  public void delete(FactPattern pattern) {
    requireNonNull(pattern, "pattern");
    batch(tx -> tx.delete(pattern));
  }

  @Override
  public void batch(Consumer<Transaction> writes) {
    BatchBody batch = new BatchBody();
    writes.accept(batch);
    if (batch.changesets.isEmpty()) {
      return;
    }
    transport.call(BATCH, List.of(), batch.changesets);
  }

  /** Groups consecutive inserts and consecutive deletes into changesets, in call order. */
  private static final class BatchBody implements Transaction {
    private final ArrayNode changesets = Wire.array();
    private @Nullable String lastKind;
    private @Nullable ArrayNode current;

    @Override
    public void insert(Fact fact) {
      requireNonNull(fact, "fact");
      append("inserts").add(Wire.fact(fact));
    }

    @Override
    public void delete(FactPattern pattern) {
      requireNonNull(pattern, "pattern");
      append("deletes").add(Wire.pattern(pattern));
    }

    private ArrayNode append(String kind) {
      if (!kind.equals(lastKind) || current == null) {
        current = changesets.addObject().putArray(kind);
        lastKind = kind;
      }
      return current;
    }
  }

  @Override
  public List<Fact> get(FactPattern pattern) {
    requireNonNull(pattern, "pattern");
    List<Map.Entry<String, String>> query = new ArrayList<>();
    query.add(param("predicate", pattern.predicate()));
    for (int i = 0; i < pattern.args().size(); i++) {
      ValuePattern arg = pattern.args().get(i);
      String type = Wire.patternType(arg);
      String id = Wire.patternId(arg);
      if (type != null) {
        query.add(param("args." + i + ".type", type));
      }
      if (id != null) {
        query.add(param("args." + i + ".id", id));
      }
    }
    JsonNode body = transport.call(FACTS, query, null);
    return decode(FACTS, () -> Wire.toFacts(Wire.requireArray(body, "facts"), "facts"));
  }

  private static Map.Entry<String, String> param(String key, String value) {
    return new AbstractMap.SimpleImmutableEntry<>(key, value);
  }

  // ---- questions ----

  @Override
  public boolean authorize(Value actor, String action, Value resource, List<Fact> contextFacts) {
    checkQuestion(actor, action, resource, contextFacts);
    JsonNode body =
        transport.call(AUTHORIZE, Wire.authorizeBytes(actor, action, resource, contextFacts));
    return decode(
        AUTHORIZE,
        () -> {
          JsonNode allowed = body.get("allowed");
          if (allowed == null || !allowed.isBoolean()) {
            throw new WireFormatException("field 'allowed' must be a boolean");
          }
          return allowed.booleanValue();
        });
  }

  @Override
  public List<String> list(
      Value actor, String action, String resourceType, List<Fact> contextFacts) {
    List<String> all = new ArrayList<>();
    String token = null;
    do {
      ListPage page =
          listPaginated(actor, action, resourceType, LIST_PAGE_SIZE, token, contextFacts);
      all.addAll(page.results());
      token = page.nextPageToken();
    } while (token != null);
    return Collections.unmodifiableList(all);
  }

  @Override
  public ListPage listPaginated(
      Value actor,
      String action,
      String resourceType,
      int pageSize,
      @Nullable String pageToken,
      List<Fact> contextFacts) {
    checkQuestion(actor, action, resourceType, contextFacts);
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size '" + pageSize + "' must be at least 1");
    }
    ObjectNode body = Wire.listQuery(actor, action, resourceType, contextFacts);
    body.put("page_size", pageSize);
    if (pageToken == null) {
      body.putNull("page_token");
    } else {
      body.put("page_token", pageToken);
    }
    JsonNode answer = listWithRetryAfter(body);
    return decode(
        LIST,
        () ->
            new ListPage(
                Wire.strings(Wire.requireArray(answer.get("results"), "results"), "results"),
                Wire.optionalString(answer, "next_page_token", "")));
  }

  /** Posts to {@code /list}, waiting out 409 answers as long as {@code Retry-After} says. */
  private JsonNode listWithRetryAfter(ObjectNode body) {
    for (int attempt = 1; ; attempt++) {
      Reply reply = transport.exchange(LIST, List.of(), body);
      if (reply.ok()) {
        return transport.parseSuccess(LIST, reply);
      }
      if (reply.status() != 409 || attempt >= LIST_ATTEMPTS) {
        throw transport.failure(LIST, reply);
      }
      Duration wait = reply.retryAfter() == null ? transport.backoff(attempt) : reply.retryAfter();
      if (wait.compareTo(settings.maxRetryAfter()) > 0) {
        throw transport.failure(LIST, reply);
      }
      logger.debug("list page not ready (request id '{}'), waiting {}", reply.requestId(), wait);
      try {
        settings.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OsoClientException(
            "interrupted waiting for a list page", 409, reply.requestId(), true, e);
      }
    }
  }

  @Override
  public List<String> actions(Value actor, Value resource, List<Fact> contextFacts) {
    checkQuestion(actor, "actions", resource, contextFacts);
    JsonNode body =
        transport.call(ACTIONS, List.of(), Wire.actionsQuery(actor, resource, contextFacts));
    List<String> actions =
        decode(
            ACTIONS,
            () -> Wire.strings(Wire.requireArray(body.get("results"), "results"), "results"));
    List<String> sorted = new ArrayList<>(actions);
    Collections.sort(sorted);
    return Collections.unmodifiableList(sorted);
  }

  @Override
  public List<Map<String, @Nullable String>> evaluateQuery(Query query) {
    requireNonNull(query, "query");
    JsonNode body = transport.call(EVALUATE, List.of(), Wire.query(query));
    return decode(EVALUATE, () -> rows(body));
  }

  private static List<Map<String, @Nullable String>> rows(JsonNode body) {
    JsonNode results = Wire.requireArray(body.get("results"), "results");
    List<Map<String, @Nullable String>> rows = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      JsonNode row = Wire.requireObject(results.get(i), "results[" + i + "]");
      Map<String, @Nullable String> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> cell : row.properties()) {
        map.put(cell.getKey(), Wire.optionalString(row, cell.getKey(), "results[" + i + "]"));
      }
      rows.add(Collections.unmodifiableMap(map));
    }
    return Collections.unmodifiableList(rows);
  }

  // ---- local authorization ----

  @Override
  public String authorizeLocal(
      Value actor, String action, Value resource, List<Fact> contextFacts) {
    checkQuestion(actor, action, resource, contextFacts);
    ObjectNode body = localBody(Wire.authorizeQuery(actor, action, resource, contextFacts));
    return sql(AUTHORIZE_QUERY, body);
  }

  @Override
  public String listLocal(
      Value actor, String action, String resourceType, String column, List<Fact> contextFacts) {
    checkQuestion(actor, action, resourceType, contextFacts);
    requireNonNull(column, "column");
    ObjectNode body = localBody(Wire.listQuery(actor, action, resourceType, contextFacts));
    body.put("column", column);
    return sql(LIST_QUERY, body);
  }

  @Override
  public String actionsLocal(Value actor, Value resource, List<Fact> contextFacts) {
    checkQuestion(actor, "actions", resource, contextFacts);
    return sql(ACTIONS_QUERY, localBody(Wire.actionsQuery(actor, resource, contextFacts)));
  }

  @Override
  public String evaluateQueryLocalSelect(Query query, Map<String, String> columnsToVars) {
    requireNonNull(query, "query");
    ObjectNode mode = Wire.object();
    mode.put("mode", "select");
    ObjectNode mapping = mode.putObject("query_vars_to_output_column_names");
    columnsToVars.forEach(
        (column, var) -> {
          if (mapping.has(var)) {
            throw new IllegalArgumentException(
                "variable '" + var + "' is mapped to more than one column");
          }
          mapping.put(var, column);
        });
    return evaluateLocal(query, mode);
  }

  @Override
  public String evaluateQueryLocalFilter(Query query, String column, String var) {
    requireNonNull(query, "query");
    ObjectNode mode = Wire.object();
    mode.put("mode", "filter");
    mode.put("output_column_name", requireNonNull(column, "column"));
    mode.put("query_var", requireNonNull(var, "var"));
    return evaluateLocal(query, mode);
  }

  private String evaluateLocal(Query query, ObjectNode mode) {
    ObjectNode body = localBody(Wire.query(query));
    body.set("mode", mode);
    return sql(EVALUATE_LOCAL, body);
  }

  private ObjectNode localBody(ObjectNode query) {
    String bindings = settings.dataBindings();
    if (bindings == null) {
      throw new IllegalStateException(
          "local authorization needs data bindings: set RemoteBuilder.dataBindings(Path)");
    }
    ObjectNode body = Wire.object();
    body.set("query", query);
    body.put("data_bindings", bindings);
    return body;
  }

  private String sql(Endpoint endpoint, ObjectNode body) {
    JsonNode answer = transport.call(endpoint, List.of(), body);
    return decode(endpoint, () -> Wire.string(answer, "sql", ""));
  }

  /**
   * Returns the answer of {@link #list} as a filter of ids ({@link AuthorizedFilter#ofIds}): the
   * policy and the facts live on the server, so the filter cannot be a plan over the application's
   * tables. It is exact when made, binds one parameter per authorized id, and does not follow later
   * writes. The id columns' SQL types are the {@code sql_types} of the data bindings given to the
   * builder (text when none). For SQL that reads the application's own tables, use {@link
   * #listLocal}.
   *
   * @throws IllegalArgumentException if the data bindings cannot be read for their {@code
   *     sql_types}
   */
  @Override
  public AuthorizedFilter listFilter(Value actor, String action, String resourceType) {
    Map<String, SqlType> types = sqlTypes();
    return AuthorizedFilter.ofIds(
        resourceType, list(actor, action, resourceType, List.of()), types);
  }

  private Map<String, SqlType> sqlTypes() {
    Map<String, SqlType> types = sqlTypes;
    if (types == null) {
      String bindings = settings.dataBindings();
      types = bindings == null ? Map.of() : LocalBindings.fromYaml(bindings).sqlTypes();
      sqlTypes = types;
    }
    return types;
  }

  // ---- dev server extras ----

  /** Deletes every stored fact on the server ({@code POST /clear_data}, Dev Server only). */
  public void clearData() {
    transport.call(CLEAR_DATA, List.of(), null);
  }

  /**
   * Returns the server's counters ({@code GET /stats}).
   *
   * @return {@code num_roles}, {@code num_relations}, {@code num_facts}
   */
  public Map<String, Long> stats() {
    JsonNode body = transport.call(STATS, List.of(), null);
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : Wire.requireObject(body, "stats").properties()) {
      out.put(e.getKey(), e.getValue().asLong());
    }
    return out;
  }

  /**
   * Reports whether an earlier authorize was expected to pass ({@code POST /expect}).
   *
   * @param requestId the request id of that authorize call
   * @param expected the expected decision
   */
  public void expect(String requestId, boolean expected) {
    ObjectNode body = Wire.object();
    body.put("request_id", requireNonNull(requestId, "requestId"));
    body.put("expected", expected);
    transport.call(EXPECT, List.of(), body);
  }

  /**
   * Returns the consistency token of the last write, sent with every later request.
   *
   * @return the {@code OsoOffset} value, or null before any write
   */
  public @Nullable String consistencyOffset() {
    return transport.offset();
  }

  @Override
  public void close() {
    transport.close();
    logger.debug("closed remote oso client for '{}'", settings.url());
  }

  @Override
  public String toString() {
    return "HttpOso[url=" + settings.url() + ", apiKey=" + settings.maskedKey() + "]";
  }

  private static void checkQuestion(
      Value actor, String action, Object resource, List<Fact> contextFacts) {
    requireNonNull(actor, "actor");
    requireNonNull(action, "action");
    requireNonNull(resource, "resource");
    requireNonNull(contextFacts, "contextFacts");
  }

  private interface Decoder<T> {
    T decode();
  }

  private static <T> T decode(Endpoint endpoint, Decoder<T> decoder) {
    try {
      return decoder.decode();
    } catch (WireFormatException e) {
      throw new OsoClientException(
          "unexpected response to '" + endpoint.path() + "': " + e.getMessage(),
          200,
          null,
          false,
          e);
    }
  }
}
