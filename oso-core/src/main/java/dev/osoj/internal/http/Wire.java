package dev.osoj.internal.http;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.PolicyMetadata;
import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.ValuePattern;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of the Oso Cloud HTTP API, both ways: values, facts, patterns, the question
 * bodies and queries. Decoding checks every field and names the JSON path of anything wrong.
 */
public final class Wire {
  /** The one mapper of the HTTP layer; thread-safe. */
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Wire() {}

  /**
   * Parses JSON text.
   *
   * @param bytes UTF-8 JSON
   * @return the tree
   * @throws WireFormatException if the text is not JSON
   */
  public static JsonNode parse(byte[] bytes) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new WireFormatException("body is empty, expected JSON");
      }
      return node;
    } catch (JacksonException e) {
      throw new WireFormatException("body is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Writes a tree as compact UTF-8 JSON.
   *
   * @param node the tree
   * @return the bytes
   */
  public static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  /**
   * Returns a new empty object node.
   *
   * @return the node
   */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * Returns a new empty array node.
   *
   * @return the node
   */
  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  // ---- encoding ----

  /**
   * Encodes a value as {@code {"type", "id"}}.
   *
   * @param value the value
   * @return the node
   */
  public static ObjectNode value(Value value) {
    ObjectNode node = object();
    node.put("type", value.type());
    node.put("id", value.id());
    return node;
  }

  /**
   * Encodes a concrete fact.
   *
   * @param fact the fact
   * @return the node
   */
  public static ObjectNode fact(Fact fact) {
    ObjectNode node = object();
    node.put("predicate", fact.predicate());
    ArrayNode args = node.putArray("args");
    fact.args().forEach(v -> args.add(value(v)));
    return node;
  }

  /**
   * Encodes facts as an array.
   *
   * @param facts the facts
   * @return the node
   */
  public static ArrayNode facts(List<Fact> facts) {
    ArrayNode node = array();
    facts.forEach(f -> node.add(fact(f)));
    return node;
  }

  /**
   * Encodes a pattern; wildcard positions carry nulls.
   *
   * @param pattern the pattern
   * @return the node
   */
  public static ObjectNode pattern(FactPattern pattern) {
    ObjectNode node = object();
    node.put("predicate", pattern.predicate());
    ArrayNode args = node.putArray("args");
    for (ValuePattern arg : pattern.args()) {
      ObjectNode a = args.addObject();
      putNullable(a, "type", patternType(arg));
      putNullable(a, "id", patternId(arg));
    }
    return node;
  }

  /**
   * Returns the type a pattern position requires.
   *
   * @param arg the position
   * @return the type, or null for any
   */
  public static @Nullable String patternType(ValuePattern arg) {
    if (arg instanceof ValuePattern.Any) {
      return null;
    } else if (arg instanceof ValuePattern.OfType) {
      return ((ValuePattern.OfType) arg).type();
    } else if (arg instanceof ValuePattern.Exact) {
      return ((ValuePattern.Exact) arg).value().type();
    }
    throw new AssertionError("unknown value pattern " + arg);
  }

  /**
   * Returns the id a pattern position requires.
   *
   * @param arg the position
   * @return the id, or null for any
   */
  public static @Nullable String patternId(ValuePattern arg) {
    return arg instanceof ValuePattern.Exact ? ((ValuePattern.Exact) arg).value().id() : null;
  }

  /**
   * Encodes the body of {@code /authorize}.
   *
   * @param actor the actor
   * @param action the action
   * @param resource the resource
   * @param context the context facts
   * @return the node
   */
  public static ObjectNode authorizeQuery(
      Value actor, String action, Value resource, List<Fact> context) {
    ObjectNode node = actorNode(actor);
    node.put("action", action);
    node.put("resource_type", resource.type());
    node.put("resource_id", resource.id());
    node.set("context_facts", facts(context));
    return node;
  }

  /**
   * Writes the body of {@code /authorize} straight to bytes, without a tree: the same JSON as
   * {@code bytes(authorizeQuery(...))}, for the hottest call of the client.
   *
   * @param actor the actor
   * @param action the action
   * @param resource the resource
   * @param context the context facts
   * @return UTF-8 JSON
   */
  public static byte[] authorizeBytes(
      Value actor, String action, Value resource, List<Fact> context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("actor_type", actor.type());
      g.writeStringProperty("actor_id", actor.id());
      g.writeStringProperty("action", action);
      g.writeStringProperty("resource_type", resource.type());
      g.writeStringProperty("resource_id", resource.id());
      g.writeArrayPropertyStart("context_facts");
      for (Fact fact : context) {
        g.writeStartObject();
        g.writeStringProperty("predicate", fact.predicate());
        g.writeArrayPropertyStart("args");
        for (Value v : fact.args()) {
          g.writeStartObject();
          g.writeStringProperty("type", v.type());
          g.writeStringProperty("id", v.id());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * Encodes the body of {@code /list} without the paging fields.
   *
   * @param actor the actor
   * @param action the action
   * @param resourceType the resource type
   * @param context the context facts
   * @return the node
   */
  public static ObjectNode listQuery(
      Value actor, String action, String resourceType, List<Fact> context) {
    ObjectNode node = actorNode(actor);
    node.put("action", action);
    node.put("resource_type", resourceType);
    node.set("context_facts", facts(context));
    return node;
  }

  /**
   * Encodes the body of {@code /actions}.
   *
   * @param actor the actor
   * @param resource the resource
   * @param context the context facts
   * @return the node
   */
  public static ObjectNode actionsQuery(Value actor, Value resource, List<Fact> context) {
    ObjectNode node = actorNode(actor);
    node.put("resource_type", resource.type());
    node.put("resource_id", resource.id());
    node.set("context_facts", facts(context));
    return node;
  }

  private static ObjectNode actorNode(Value actor) {
    ObjectNode node = object();
    node.put("actor_type", actor.type());
    node.put("actor_id", actor.id());
    return node;
  }

  /**
   * Encodes a query as the body of {@code /evaluate_query}: the first call is the predicate.
   *
   * @param query the query
   * @return the node
   */
  public static ObjectNode query(Query query) {
    ObjectNode node = object();
    node.set("predicate", call(query.calls().get(0)));
    ArrayNode calls = node.putArray("calls");
    query.calls().stream().skip(1).forEach(c -> calls.add(call(c)));
    ObjectNode constraints = node.putObject("constraints");
    query
        .constraints()
        .forEach(
            (name, c) -> {
              ObjectNode cn = constraints.putObject(name);
              cn.put("type", c.type());
              if (c.ids() == null) {
                cn.putNull("ids");
              } else {
                ArrayNode ids = cn.putArray("ids");
                c.ids().forEach(ids::add);
              }
            });
    node.set("context_facts", facts(query.contextFacts()));
    return node;
  }

  private static ArrayNode call(Query.Call call) {
    ArrayNode node = array();
    node.add(call.predicate());
    ArrayNode args = node.addArray();
    call.args().forEach(args::add);
    return node;
  }

  /**
   * Encodes policy metadata as the body of {@code GET /policy_metadata}.
   *
   * @param metadata the metadata
   * @return the node
   */
  public static ObjectNode policyMetadata(PolicyMetadata metadata) {
    ObjectNode resources = object();
    metadata.resources().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> resources.set(e.getKey(), resourceMetadata(e.getValue())));
    ObjectNode node = object();
    node.putObject("metadata").set("resources", resources);
    return node;
  }

  private static ObjectNode resourceMetadata(PolicyMetadata.ResourceMetadata m) {
    ObjectNode node = object();
    ArrayNode roles = node.putArray("roles");
    m.roles().forEach(roles::add);
    ArrayNode permissions = node.putArray("permissions");
    m.permissions().forEach(permissions::add);
    ObjectNode relations = node.putObject("relations");
    m.relations().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> relations.put(e.getKey(), e.getValue()));
    return node;
  }

  private static void putNullable(ObjectNode node, String field, @Nullable String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  // ---- decoding ----

  /**
   * Reads a required string field.
   *
   * @param node the object
   * @param field the field name
   * @param path the JSON path of the object, for messages
   * @return the string
   * @throws WireFormatException if the field is missing or not a string
   */
  public static String string(JsonNode node, String field, String path) {
    String s = optionalString(node, field, path);
    if (s == null) {
      throw new WireFormatException("missing string field '" + path + "." + field + "'");
    }
    return s;
  }

  /**
   * Reads an optional string field (absent or null give null).
   *
   * @param node the object
   * @param field the field name
   * @param path the JSON path of the object, for messages
   * @return the string or null
   * @throws WireFormatException if the field is present but not a string
   */
  public static @Nullable String optionalString(JsonNode node, String field, String path) {
    requireObject(node, path);
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw new WireFormatException("field '" + path + "." + field + "' must be a string");
    }
    return v.stringValue();
  }

  /**
   * Checks that a node is an object.
   *
   * @param node the node
   * @param path its JSON path
   * @return the node
   */
  public static JsonNode requireObject(@Nullable JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new WireFormatException("'" + path + "' must be a JSON object");
    }
    return node;
  }

  /**
   * Checks that a node is an array.
   *
   * @param node the node
   * @param path its JSON path
   * @return the node
   */
  public static JsonNode requireArray(@Nullable JsonNode node, String path) {
    if (node == null || !node.isArray()) {
      throw new WireFormatException("'" + path + "' must be a JSON array");
    }
    return node;
  }

  /**
   * Decodes a concrete value.
   *
   * @param node the JSON
   * @param path its JSON path
   * @return the value
   */
  public static Value toValue(JsonNode node, String path) {
    return newValue(string(node, "type", path), string(node, "id", path), path);
  }

  /**
   * Builds a value from wire fields, turning a refusal into a wire error.
   *
   * @param type the type
   * @param id the id
   * @param path where the fields came from
   * @return the value
   */
  public static Value newValue(String type, String id, String path) {
    try {
      return new Value(type, id);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("invalid value at '" + path + "': " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a concrete fact.
   *
   * @param node the JSON
   * @param path its JSON path
   * @return the fact
   */
  public static Fact toFact(JsonNode node, String path) {
    String predicate = string(node, "predicate", path);
    JsonNode args = requireArray(node.get("args"), path + ".args");
    List<Value> values = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      values.add(toValue(args.get(i), path + ".args[" + i + "]"));
    }
    return newFact(predicate, values, path);
  }

  private static Fact newFact(String predicate, List<Value> values, String path) {
    try {
      return new Fact(predicate, values);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("invalid fact at '" + path + "': " + e.getMessage(), e);
    }
  }

  /**
   * Decodes an array of concrete facts; absent or null gives an empty list.
   *
   * @param node the JSON, may be null
   * @param path its JSON path
   * @return the facts
   */
  public static List<Fact> toFacts(@Nullable JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    requireArray(node, path);
    List<Fact> facts = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      facts.add(toFact(node.get(i), path + "[" + i + "]"));
    }
    return facts;
  }

  /**
   * Decodes a fact pattern whose positions carry nullable type and id.
   *
   * @param node the JSON
   * @param path its JSON path
   * @return the pattern
   */
  public static FactPattern toPattern(JsonNode node, String path) {
    String predicate = string(node, "predicate", path);
    JsonNode args = requireArray(node.get("args"), path + ".args");
    List<ValuePattern> patterns = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      String at = path + ".args[" + i + "]";
      JsonNode arg = args.get(i);
      patterns.add(
          toValuePattern(optionalString(arg, "type", at), optionalString(arg, "id", at), at));
    }
    try {
      return new FactPattern(predicate, patterns);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("invalid pattern at '" + path + "': " + e.getMessage(), e);
    }
  }

  /**
   * Builds one pattern position from its nullable parts.
   *
   * @param type the type or null
   * @param id the id or null
   * @param path where the parts came from
   * @return the position pattern
   */
  public static ValuePattern toValuePattern(
      @Nullable String type, @Nullable String id, String path) {
    if (type == null) {
      if (id != null) {
        throw new WireFormatException("pattern at '" + path + "' has an id but no type");
      }
      return ValuePattern.ANY;
    }
    if (id == null) {
      if (type.isEmpty()) {
        throw new WireFormatException("pattern at '" + path + "' has an empty type");
      }
      return ValuePattern.ofType(type);
    }
    return ValuePattern.exact(newValue(type, id, path));
  }

  /**
   * Decodes the body of {@code /evaluate_query}.
   *
   * @param node the JSON
   * @param path its JSON path
   * @return the query
   */
  public static Query toQuery(JsonNode node, String path) {
    requireObject(node, path);
    List<Query.Call> calls = new ArrayList<>();
    calls.add(toCall(node.get("predicate"), path + ".predicate"));
    JsonNode more = node.get("calls");
    if (more != null && !more.isNull()) {
      requireArray(more, path + ".calls");
      for (int i = 0; i < more.size(); i++) {
        calls.add(toCall(more.get(i), path + ".calls[" + i + "]"));
      }
    }
    JsonNode cs = requireObject(node.get("constraints"), path + ".constraints");
    Map<String, Query.Constraint> constraints = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : cs.properties()) {
      constraints.put(e.getKey(), toConstraint(e.getValue(), path + ".constraints." + e.getKey()));
    }
    List<Fact> context = toFacts(node.get("context_facts"), path + ".context_facts");
    try {
      return new Query(calls, constraints, context);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("invalid query at '" + path + "': " + e.getMessage(), e);
    }
  }

  private static Query.Call toCall(@Nullable JsonNode node, String path) {
    requireArray(node, path);
    if (node.size() != 2 || !node.get(0).isString() || !node.get(1).isArray()) {
      throw new WireFormatException("call '" + path + "' must be [predicate, [variables]]");
    }
    List<String> args = new ArrayList<>();
    for (JsonNode arg : node.get(1)) {
      if (!arg.isString()) {
        throw new WireFormatException("call '" + path + "' has a non-string variable");
      }
      args.add(arg.stringValue());
    }
    return new Query.Call(node.get(0).stringValue(), args);
  }

  private static Query.Constraint toConstraint(JsonNode node, String path) {
    String type = string(node, "type", path);
    JsonNode ids = node.get("ids");
    if (ids == null || ids.isNull()) {
      return new Query.Constraint(type, null);
    }
    requireArray(ids, path + ".ids");
    List<String> list = new ArrayList<>(ids.size());
    for (JsonNode id : ids) {
      if (!id.isString()) {
        throw new WireFormatException("'" + path + ".ids' must hold strings");
      }
      list.add(id.stringValue());
    }
    return new Query.Constraint(type, list);
  }

  /**
   * Decodes the answer of {@code GET /policy_metadata}; relations may be strings or objects with
   * {@code relatedResource}, as clients disagree.
   *
   * @param body the response body
   * @return the metadata
   */
  public static PolicyMetadata toPolicyMetadata(JsonNode body) {
    JsonNode metadata = requireObject(body.get("metadata"), "metadata");
    JsonNode resources = requireObject(metadata.get("resources"), "metadata.resources");
    Map<String, PolicyMetadata.ResourceMetadata> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : resources.properties()) {
      String path = "metadata.resources." + e.getKey();
      JsonNode r = requireObject(e.getValue(), path);
      Map<String, String> relations = new LinkedHashMap<>();
      JsonNode rel = r.get("relations");
      if (rel != null && !rel.isNull()) {
        for (Map.Entry<String, JsonNode> re :
            requireObject(rel, path + ".relations").properties()) {
          JsonNode target = re.getValue();
          relations.put(
              re.getKey(),
              target.isString()
                  ? target.stringValue()
                  : string(target, "relatedResource", path + ".relations." + re.getKey()));
        }
      }
      out.put(
          e.getKey(),
          new PolicyMetadata.ResourceMetadata(
              strings(r.get("roles"), path + ".roles"),
              strings(r.get("permissions"), path + ".permissions"),
              relations));
    }
    return new PolicyMetadata(out);
  }

  /**
   * Decodes an array of strings; absent or null gives an empty list.
   *
   * @param node the JSON, may be null
   * @param path its JSON path
   * @return the strings
   */
  public static List<String> strings(@Nullable JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    requireArray(node, path);
    List<String> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode s = node.get(i);
      if (!s.isString()) {
        throw new WireFormatException("'" + path + "[" + i + "]' must be a string");
      }
      out.add(s.stringValue());
    }
    return out;
  }
}
