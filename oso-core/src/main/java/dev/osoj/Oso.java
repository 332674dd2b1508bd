package dev.osoj;

import dev.osoj.sql.AuthorizedFilter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Answers authorization questions under a Polar policy: may this actor do this action on this
 * resource ({@link #authorize}), on which resources of a type ({@link #list}), which actions
 * ({@link #actions}), and arbitrary questions ({@link #buildQuery}).
 *
 * <p>Two implementations sit behind this interface: {@link #embedded()}, where the Polar engine
 * runs in this JVM over facts kept in memory or in the application's database, and {@link
 * #remote(String, String)}, a client of any server speaking the Oso Cloud HTTP API.
 *
 * <pre>{@code
 * Oso oso = Oso.embedded().policy(Path.of("policies/gitclub.polar")).build();
 * Value alice = new Value("User", "alice");
 * Value acme = new Value("Organization", "acme");
 * oso.insert(Fact.of("has_role", alice, Value.of("owner"), acme));
 *
 * boolean canRead = oso.authorize(alice, "read", acme);              // true
 * List<String> orgs = oso.list(alice, "read", "Organization");       // [acme]
 * List<String> actions = oso.actions(alice, acme);                   // [read, ...]
 * }</pre>
 *
 * <p>Implementations are thread-safe. Every question may carry context facts, visible to that
 * question only.
 */
public interface Oso extends AutoCloseable {
  /**
   * Starts configuring an embedded instance.
   *
   * @return a builder
   */
  static EmbeddedBuilder embedded() {
    return new EmbeddedBuilder();
  }

  /**
   * Starts configuring a client of an Oso Cloud compatible HTTP server.
   *
   * @param url the server's base URL, such as {@code http://localhost:8080}
   * @param apiKey the API key sent as a bearer token
   * @return a builder
   */
  static RemoteBuilder remote(String url, String apiKey) {
    return new RemoteBuilder(url, apiKey);
  }

  // ---- policy ----

  /**
   * Replaces the policy with one given as text. The text is parsed, checked and its tests run; if
   * anything fails the previous policy stays in force.
   *
   * @param source the Polar source
   * @throws PolicyException if the policy does not parse, does not validate, or its tests fail
   */
  void policy(String source);

  /**
   * Returns the roles, permissions and relations the current policy declares per type.
   *
   * @return the metadata
   */
  PolicyMetadata policyMetadata();

  // ---- facts ----

  /**
   * Stores a fact.
   *
   * @param fact the fact
   * @throws InvalidFactException if the policy accepts no fact of that shape
   */
  void insert(Fact fact);

  /**
   * Deletes every stored fact matching a pattern; matching nothing is fine.
   *
   * @param pattern the pattern
   */
  void delete(FactPattern pattern);

  /**
   * Deletes one fact.
   *
   * @param fact the fact
   */
  default void delete(Fact fact) {
    delete(FactPattern.of(fact));
  }

  /**
   * Applies several writes in order, atomically.
   *
   * @param writes fills the transaction
   * @throws InvalidFactException if any inserted fact is refused (then nothing is written)
   */
  void batch(Consumer<Transaction> writes);

  /**
   * Returns the stored facts matching a pattern (stored only, not derived).
   *
   * @param pattern the pattern
   * @return the facts
   */
  List<Fact> get(FactPattern pattern);

  // ---- questions ----

  /**
   * Returns whether an actor may perform an action on a resource.
   *
   * @param actor the actor
   * @param action the action
   * @param resource the resource
   * @return true if {@code allow(actor, action, resource)} holds
   */
  default boolean authorize(Value actor, String action, Value resource) {
    return authorize(actor, action, resource, List.of());
  }

  /**
   * Returns whether an actor may perform an action on a resource, with context facts.
   *
   * @param actor the actor
   * @param action the action
   * @param resource the resource
   * @param contextFacts facts visible to this question only
   * @return true if {@code allow(actor, action, resource)} holds
   */
  boolean authorize(Value actor, String action, Value resource, List<Fact> contextFacts);

  /**
   * Returns the ids of the resources of exactly one type on which an actor may perform an action.
   *
   * @param actor the actor
   * @param action the action
   * @param resourceType the resource type
   * @return the ids, in no particular order; {@code ["*"]} when every value of the type qualifies
   */
  default List<String> list(Value actor, String action, String resourceType) {
    return list(actor, action, resourceType, List.of());
  }

  /**
   * Returns the ids of authorized resources, with context facts.
   *
   * @param actor the actor
   * @param action the action
   * @param resourceType the resource type
   * @param contextFacts facts visible to this question only
   * @return the ids; {@code ["*"]} when every value of the type qualifies
   */
  List<String> list(Value actor, String action, String resourceType, List<Fact> contextFacts);

  /**
   * Returns one page of authorized resource ids.
   *
   * @param actor the actor
   * @param action the action
   * @param resourceType the resource type
   * @param pageSize the most ids to return, at least 1
   * @param pageToken the token of the previous page, or null for the first page
   * @param contextFacts facts visible to this question only
   * @return the page
   */
  ListPage listPaginated(
      Value actor,
      String action,
      String resourceType,
      int pageSize,
      @Nullable String pageToken,
      List<Fact> contextFacts);

  /**
   * Returns the actions an actor may perform on a resource.
   *
   * @param actor the actor
   * @param resource the resource
   * @return the actions, sorted
   */
  default List<String> actions(Value actor, Value resource) {
    return actions(actor, resource, List.of());
  }

  /**
   * Returns the actions an actor may perform on a resource, with context facts.
   *
   * @param actor the actor
   * @param resource the resource
   * @param contextFacts facts visible to this question only
   * @return the actions, sorted
   */
  List<String> actions(Value actor, Value resource, List<Fact> contextFacts);

  /**
   * Starts a query on one predicate; each argument is a {@link Value}, a {@link TypedVar}, a {@code
   * String}, a {@code Long}/{@code Integer} or a {@code Boolean}.
   *
   * @param predicate the predicate
   * @param args the arguments
   * @return an immutable builder
   */
  default QueryBuilder buildQuery(String predicate, Object... args) {
    return QueryBuilder.start(this, predicate, args);
  }

  /**
   * Answers a query in the raw shape of {@code /evaluate_query}: one map per answer, from variable
   * name to id, with null for an unbounded variable. {@link QueryBuilder} is the friendlier way.
   *
   * @param query the query
   * @return the answers, distinct
   */
  List<Map<String, @Nullable String>> evaluateQuery(Query query);

  // ---- local authorization: SQL in Oso Cloud's shapes ----

  /**
   * Returns a SQL query yielding one row with a boolean column {@code allowed}.
   *
   * @param actor the actor
   * @param action the action
   * @param resource the resource
   * @param contextFacts facts visible to this question only
   * @return SQL text with inlined literals, for the configured dialect
   */
  String authorizeLocal(Value actor, String action, Value resource, List<Fact> contextFacts);

  /**
   * Returns a SQL predicate restricting a column to the ids of authorized resources.
   *
   * @param actor the actor
   * @param action the action
   * @param resourceType the resource type
   * @param column the column to restrict, such as {@code repositories.id}
   * @param contextFacts facts visible to this question only
   * @return SQL text with inlined literals
   */
  String listLocal(
      Value actor, String action, String resourceType, String column, List<Fact> contextFacts);

  /**
   * Returns a SQL query yielding one row per authorized action, column {@code actions}.
   *
   * @param actor the actor
   * @param resource the resource
   * @param contextFacts facts visible to this question only
   * @return SQL text with inlined literals
   */
  String actionsLocal(Value actor, Value resource, List<Fact> contextFacts);

  /**
   * Returns a complete {@code SELECT} yielding one row per answer of a query, one column per mapped
   * variable; with an empty mapping, one row with a boolean column {@code result}.
   *
   * @param query the query
   * @param columnsToVars output column name to variable name
   * @return SQL text with inlined literals
   */
  String evaluateQueryLocalSelect(Query query, Map<String, String> columnsToVars);

  /**
   * Returns a SQL predicate restricting a column to the values of one query variable.
   *
   * @param query the query
   * @param column the column to restrict
   * @param var the variable name
   * @return SQL text with inlined literals
   */
  String evaluateQueryLocalFilter(Query query, String column, String var);

  // ---- data filtering ----

  /**
   * Returns the filter that restricts rows of a resource type to those an actor may act on. The
   * filter holds a plan and renders to SQL with bound parameters, a jOOQ condition or a Hibernate
   * filter. An embedded instance plans the question over the fact store and the local bindings; a
   * remote one asks the server's {@code list} and returns the ids ({@link AuthorizedFilter#ofIds}).
   *
   * @param actor the actor
   * @param action the action
   * @param resourceType the resource type
   * @return the filter: always, never or conditional
   * @throws EvaluationException if the question cannot be expressed in SQL (names the rule)
   */
  AuthorizedFilter listFilter(Value actor, String action, String resourceType);

  /** Releases the resources this instance holds (connections, threads). */
  @Override
  void close();
}
