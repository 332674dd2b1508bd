package dev.osoj.cli.serve;

import dev.osoj.Diagnostic;
import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.ListPage;
import dev.osoj.Oso;
import dev.osoj.PolicyException;
import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.ValuePattern;
import dev.osoj.internal.http.Wire;
import dev.osoj.internal.http.WireFormatException;
import java.util.ArrayList;
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
 * The endpoints of the Oso Cloud HTTP API over a {@link ServeBackend}: JSON in, JSON out. Request
 * bodies are fully decoded before anything changes, so a bad request changes nothing.
 */
final class Api {
  /** The page size {@code /list} uses when the request gives none. */
  static final int DEFAULT_PAGE_SIZE = 10_000;

  /** Fact arities {@code GET /facts} looks at when trailing positions are wildcards. */
  static final int MAX_FACT_ARITY = 8;

  private static final Logger logger = LoggerFactory.getLogger(Api.class);

  private final ServeBackend backend;
  private final Object policyLock = new Object();
  private volatile @Nullable PolicyText policy;

  /** The policy text as last loaded, for {@code GET /api/policy}. */
  record PolicyText(@Nullable String filename, String src) {}

  /**
   * One answer.
   *
   * @param status the HTTP status
   * @param body the JSON body
   * @param mutation whether state changed (the server then returns a new {@code OsoOffset})
   */
  record Answer(int status, JsonNode body, boolean mutation) {
    static Answer ok(JsonNode body) {
      return new Answer(200, body, false);
    }

    static Answer changed(String message) {
      return new Answer(200, message(message), true);
    }
  }

  Api(ServeBackend backend, @Nullable PolicyText initialPolicy) {
    this.backend = backend;
    this.policy = initialPolicy;
  }

  private Oso oso() {
    return backend.oso();
  }

  static ObjectNode message(String text) {
    ObjectNode node = Wire.object();
    node.put("message", text);
    return node;
  }

  // ---- policy ----

  Answer getPolicy() {
    ObjectNode body = Wire.object();
    PolicyText p = policy;
    if (p == null) {
      body.putNull("policy");
    } else {
      ObjectNode pn = body.putObject("policy");
      if (p.filename() == null) {
        pn.putNull("filename");
      } else {
        pn.put("filename", p.filename());
      }
      pn.put("src", p.src());
    }
    return Answer.ok(body);
  }

  Answer postPolicy(JsonNode body) {
    String src = Wire.string(body, "src", "body");
    String filename = Wire.optionalString(body, "filename", "body");
    synchronized (policyLock) {
      PolicyText current = policy;
      if (current != null && current.src().equals(src)) {
        return new Answer(202, message("policy unchanged"), false);
      }
      try {
        backend.policy(src);
      } catch (PolicyException e) {
        throw new ApiError(400, savePolicyError(e));
      }
      policy = new PolicyText(filename == null || filename.isEmpty() ? null : filename, src);
    }
    logger.info("loaded a new policy ({} chars)", src.length());
    return Answer.changed("policy updated");
  }

  /**
   * Oso's {@code SavePolicyError}: when every error comes from the policy's tests the kind is
   * {@code TestsFailed}, otherwise {@code Validation}.
   */
  static ObjectNode savePolicyError(PolicyException e) {
    List<Diagnostic> errors = e.errors();
    boolean tests = !errors.isEmpty() && errors.stream().allMatch(Api::fromTests);
    ObjectNode body = Wire.object();
    body.put("error_type", tests ? "TestsFailed" : "Validation");
    body.put("message", e.getMessage());
    ArrayNode list = body.putArray("errors");
    for (Diagnostic d : errors) {
      ObjectNode item = list.addObject();
      item.put(
          "error_type", d.code().equals(ASSERTION_FAILED) ? ASSERTION_FAILED : VALIDATION_FAILED);
      item.put("message", d.toString());
    }
    if (tests) {
      ObjectNode results = body.putObject("test_results");
      results.put("success", false);
      results.set("errors", list.deepCopy());
    }
    return body;
  }

  private static final String ASSERTION_FAILED = "AssertionFailed";
  private static final String VALIDATION_FAILED = "ValidationFailed";

  /** The test runner reports failing assertions and broken test setups with these two codes. */
  private static boolean fromTests(Diagnostic d) {
    return d.code().equals(ASSERTION_FAILED) || d.code().equals(VALIDATION_FAILED);
  }

  Answer policyMetadata() {
    return Answer.ok(Wire.policyMetadata(oso().policyMetadata()));
  }

  // ---- facts ----

  Answer getFacts(Map<String, List<String>> params) {
    String predicate = single(params, "predicate");
    if (predicate == null || predicate.isEmpty()) {
      throw ApiError.badRequest("query parameter 'predicate' is required");
    }
    Map<Integer, String[]> positions = argParams(params);
    int minArity = positions.keySet().stream().mapToInt(i -> i + 1).max().orElse(1);
    ArrayNode out = Wire.array();
    for (int arity = minArity; arity <= MAX_FACT_ARITY; arity++) {
      List<ValuePattern> args = new ArrayList<>(arity);
      for (int i = 0; i < arity; i++) {
        String[] p = positions.getOrDefault(i, new String[2]);
        args.add(Wire.toValuePattern(p[0], p[1], "args." + i));
      }
      oso().get(new FactPattern(predicate, args)).forEach(f -> out.add(Wire.fact(f)));
    }
    return Answer.ok(out);
  }

  private static Map<Integer, String[]> argParams(Map<String, List<String>> params) {
    Map<Integer, String[]> positions = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      String key = e.getKey();
      if (key.equals("predicate")) {
        continue;
      }
      String[] parts = key.split("\\.", -1);
      if (parts.length != 3
          || !parts[0].equals("args")
          || !parts[1].matches("[0-9]{1,2}")
          || !(parts[2].equals("type") || parts[2].equals("id"))) {
        throw ApiError.badRequest("unknown query parameter '" + key + "'");
      }
      int index = Integer.parseInt(parts[1]);
      if (index >= MAX_FACT_ARITY) {
        throw ApiError.badRequest("argument index '" + index + "' is too large");
      }
      String value = single(params, key);
      positions.computeIfAbsent(index, i -> new String[2])[parts[2].equals("type") ? 0 : 1] = value;
    }
    return positions;
  }

  private static @Nullable String single(Map<String, List<String>> params, String key) {
    List<String> values = params.get(key);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiError.badRequest("query parameter '" + key + "' is given more than once");
    }
    return values.get(0);
  }

  Answer batch(JsonNode body) {
    Wire.requireArray(body, "body");
    List<Consumer<dev.osoj.Transaction>> ops = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      String path = "body[" + i + "]";
      JsonNode changeset = Wire.requireObject(body.get(i), path);
      if (changeset.size() != 1 || !(changeset.has("inserts") || changeset.has("deletes"))) {
        throw new WireFormatException(
            "changeset '" + path + "' must have exactly one of 'inserts' or 'deletes'");
      }
      if (changeset.has("inserts")) {
        for (Fact f : Wire.toFacts(Wire.requireArray(changeset.get("inserts"), path), path)) {
          ops.add(tx -> tx.insert(f));
        }
      } else {
        JsonNode deletes = Wire.requireArray(changeset.get("deletes"), path + ".deletes");
        for (int j = 0; j < deletes.size(); j++) {
          FactPattern p = Wire.toPattern(deletes.get(j), path + ".deletes[" + j + "]");
          ops.add(tx -> tx.delete(p));
        }
      }
    }
    if (!ops.isEmpty()) {
      oso().batch(tx -> ops.forEach(op -> op.accept(tx)));
    }
    return Answer.changed("batch applied: " + ops.size() + " operations");
  }

  Answer clearData() {
    backend.clearData();
    return Answer.changed("data cleared");
  }

  Answer stats() {
    ServeBackend.Stats s = backend.stats();
    ObjectNode body = Wire.object();
    body.put("num_roles", s.roles());
    body.put("num_relations", s.relations());
    body.put("num_facts", s.facts());
    return Answer.ok(body);
  }

  Answer expect(JsonNode body) {
    String requestId = Wire.string(body, "request_id", "body");
    JsonNode expected = body.get("expected");
    if (expected == null || !expected.isBoolean()) {
      throw new WireFormatException("field 'body.expected' must be a boolean");
    }
    logger.info("expectation for request '{}': {}", requestId, expected.booleanValue());
    return Answer.ok(message("expectation recorded"));
  }

  // ---- questions ----

  Answer authorize(JsonNode body) {
    Question q = Question.of(body, true, true);
    ObjectNode out = Wire.object();
    out.put("allowed", oso().authorize(q.actor(), q.action(), q.resource(), q.context()));
    return Answer.ok(out);
  }

  Answer list(JsonNode body) {
    Question q = Question.of(body, true, false);
    JsonNode size = body.get("page_size");
    int pageSize = DEFAULT_PAGE_SIZE;
    if (size != null && !size.isNull()) {
      if (!size.isIntegralNumber() || !size.canConvertToInt() || size.intValue() < 1) {
        throw new WireFormatException("field 'body.page_size' must be a positive integer");
      }
      pageSize = size.intValue();
    }
    String token = Wire.optionalString(body, "page_token", "body");
    ListPage page =
        oso().listPaginated(q.actor(), q.action(), q.resourceType(), pageSize, token, q.context());
    ObjectNode out = Wire.object();
    ArrayNode results = out.putArray("results");
    page.results().forEach(results::add);
    if (page.nextPageToken() == null) {
      out.putNull("next_page_token");
    } else {
      out.put("next_page_token", page.nextPageToken());
    }
    return Answer.ok(out);
  }

  Answer actions(JsonNode body) {
    Question q = Question.of(body, false, true);
    ObjectNode out = Wire.object();
    ArrayNode results = out.putArray("results");
    oso().actions(q.actor(), q.resource(), q.context()).forEach(results::add);
    return Answer.ok(out);
  }

  Answer evaluateQuery(JsonNode body) {
    Query query = Wire.toQuery(body, "body");
    ObjectNode out = Wire.object();
    ArrayNode results = out.putArray("results");
    for (Map<String, @Nullable String> row : oso().evaluateQuery(query)) {
      ObjectNode r = results.addObject();
      row.forEach(
          (k, v) -> {
            if (v == null) {
              r.putNull(k);
            } else {
              r.put(k, v);
            }
          });
    }
    return Answer.ok(out);
  }

  // ---- local authorization ----

  Answer authorizeQuery(JsonNode body) {
    Question q = Question.of(Wire.requireObject(body.get("query"), "body.query"), true, true);
    Oso local = local(body);
    return sql(local.authorizeLocal(q.actor(), q.action(), q.resource(), q.context()));
  }

  Answer listQuery(JsonNode body) {
    Question q = Question.of(Wire.requireObject(body.get("query"), "body.query"), true, false);
    String column = Wire.string(body, "column", "body");
    Oso local = local(body);
    return sql(local.listLocal(q.actor(), q.action(), q.resourceType(), column, q.context()));
  }

  Answer actionsQuery(JsonNode body) {
    Question q = Question.of(Wire.requireObject(body.get("query"), "body.query"), false, true);
    Oso local = local(body);
    return sql(local.actionsLocal(q.actor(), q.resource(), q.context()));
  }

  Answer evaluateQueryLocal(JsonNode body) {
    Query query = Wire.toQuery(Wire.requireObject(body.get("query"), "body.query"), "body.query");
    JsonNode mode = Wire.requireObject(body.get("mode"), "body.mode");
    String kind = Wire.string(mode, "mode", "body.mode");
    if (!kind.equals("select") && !kind.equals("filter")) {
      throw new WireFormatException("field 'body.mode.mode' must be 'select' or 'filter'");
    }
    Oso local = local(body);
    if (kind.equals("select")) {
      Map<String, String> columnsToVars = new LinkedHashMap<>();
      JsonNode mapping = mode.get("query_vars_to_output_column_names");
      if (mapping != null && !mapping.isNull()) {
        String path = "body.mode.query_vars_to_output_column_names";
        for (Map.Entry<String, JsonNode> e : Wire.requireObject(mapping, path).properties()) {
          String column = Wire.string(mapping, e.getKey(), path);
          if (columnsToVars.put(column, e.getKey()) != null) {
            throw new WireFormatException(
                "column '" + column + "' is mapped twice in '" + path + "'");
          }
        }
      }
      return sql(local.evaluateQueryLocalSelect(query, columnsToVars));
    } else if (kind.equals("filter")) {
      String column = Wire.string(mode, "output_column_name", "body.mode");
      String var = Wire.string(mode, "query_var", "body.mode");
      return sql(local.evaluateQueryLocalFilter(query, column, var));
    }
    throw new AssertionError("mode checked above: " + kind);
  }

  private Oso local(JsonNode body) {
    String bindings = Wire.string(body, "data_bindings", "body");
    try {
      return backend.withBindings(bindings);
    } catch (UnsupportedOperationException e) {
      throw ApiError.badRequest(String.valueOf(e.getMessage()));
    }
  }

  private static Answer sql(String sql) {
    ObjectNode out = Wire.object();
    out.put("sql", sql);
    return Answer.ok(out);
  }

  /** The common fields of {@code AuthorizeQuery}, {@code ListQuery} and {@code ActionsQuery}. */
  record Question(
      Value actor,
      String action,
      @Nullable Value resource,
      @Nullable String resourceType,
      List<Fact> context) {
    static Question of(JsonNode body, boolean withAction, boolean withResourceId) {
      Wire.requireObject(body, "body");
      Value actor =
          Wire.newValue(
              Wire.string(body, "actor_type", "body"),
              Wire.string(body, "actor_id", "body"),
              "body.actor");
      String action = withAction ? Wire.string(body, "action", "body") : "";
      String type = Wire.string(body, "resource_type", "body");
      Value resource =
          withResourceId
              ? Wire.newValue(type, Wire.string(body, "resource_id", "body"), "body.resource")
              : null;
      List<Fact> context = Wire.toFacts(body.get("context_facts"), "body.context_facts");
      return new Question(actor, action, resource, type, context);
    }

    @Override
    public Value resource() {
      if (resource == null) {
        throw new AssertionError("question has no resource id");
      }
      return resource;
    }

    @Override
    public String resourceType() {
      if (resourceType == null) {
        throw new AssertionError("question has no resource type");
      }
      return resourceType;
    }
  }
}
