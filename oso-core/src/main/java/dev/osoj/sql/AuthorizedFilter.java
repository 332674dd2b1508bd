package dev.osoj.sql;

import static java.util.Objects.requireNonNull;

import dev.osoj.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restricts the rows of one resource type to those an actor may act on: the answer of {@code
 * list(actor, action, type)} as a predicate the database evaluates.
 *
 * <p>A filter is {@link Kind#ALWAYS} (no restriction: skip the predicate), {@link Kind#NEVER} (no
 * row: skip the query) or {@link Kind#CONDITIONAL}, in which case {@link #plan()} holds a plan of
 * arity 1 whose tuples are the authorized resources, and {@link #toSql} renders it as a predicate
 * on the caller's id column:
 *
 * <pre>{@code
 * AuthorizedFilter filter = oso.listFilter(alice, "read", "Repository");
 * SqlFragment where = filter.toSql("r.id", SqlDialect.POSTGRES);
 * String sql = "SELECT r.* FROM repositories r WHERE " + where.sql() + " ORDER BY r.name LIMIT 50";
 * // bind where.parameters() in order
 * }</pre>
 *
 * <p>The predicate is self-contained (a disjunction of {@code column IN (subquery)}, one per way to
 * be authorized, plus {@code EXISTS} branches for unbounded answers) and uses private aliases, so
 * it composes with the caller's joins, {@code WHERE}, {@code ORDER BY}, {@code LIMIT} and {@code
 * COUNT(*)} without duplicating rows. {@link #toSql(FilterTarget, SqlDialect)} also knows the
 * caller's table and turns ways of being authorized that read that table into conditions on the
 * caller's row.
 *
 * <p>The predicate is meant to be used positively ({@code WHERE … AND filter}): for a row it does
 * not authorize it may be unknown ({@code NULL}) rather than false, so write {@code NOT
 * COALESCE(filter, FALSE)} to select the rows an actor may <em>not</em> act on.
 *
 * <p>A filter reads the database when the query runs: facts in the managed fact table and local
 * bindings are as fresh as the caller's transaction; facts held in memory and context facts were
 * copied into the filter as bound values when it was made, so do not cache a filter across users or
 * after writes.
 *
 * <p>A filter may also be a fixed list of ids ({@link #ofIds}, {@link #ids()}): that is what a
 * remote {@code Oso} returns, since the policy and the facts live on the server. Such a filter
 * renders the same way, with one bound parameter per id, and grows with the answer.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AuthorizedFilter {
  /** Whether the filter needs a query at all. */
  public enum Kind {
    /** Every row qualifies. */
    ALWAYS,
    /** No row qualifies. */
    NEVER,
    /** Rows qualify according to the plan. */
    CONDITIONAL
  }

  /** The id {@code list} answers for "every resource of the type". */
  private static final String WILDCARD = "*";

  private final Kind kind;
  private final String resourceType;
  private final Plan plan;
  private final Map<String, SqlType> sqlTypes;
  private final boolean idList;

  private AuthorizedFilter(
      Kind kind, String resourceType, Plan plan, Map<String, SqlType> sqlTypes, boolean idList) {
    this.kind = kind;
    this.idList = idList;
    this.resourceType = requireNonNull(resourceType, "resourceType");
    this.plan = requireNonNull(plan, "plan");
    this.sqlTypes = Map.copyOf(sqlTypes);
  }

  /**
   * Returns a filter from a plan, classifying it: an empty plan is {@link Kind#NEVER}, a plan with
   * an unconstrained branch is {@link Kind#ALWAYS}.
   *
   * @param resourceType the resource type the filter restricts
   * @param plan a plan of arity 1 yielding authorized resources
   * @param sqlTypes the SQL type of the id column per type name (absent means text)
   * @return the filter
   * @throws IllegalArgumentException if the plan's arity is not 1
   */
  public static AuthorizedFilter of(String resourceType, Plan plan, Map<String, SqlType> sqlTypes) {
    if (plan.arity() != 1) {
      throw new IllegalArgumentException("a filter plan has arity 1, not '" + plan.arity() + "'");
    }
    return new AuthorizedFilter(PlanShapes.classify(plan), resourceType, plan, sqlTypes, false);
  }

  /**
   * Returns a filter from the answer of {@code list}: the ids of the authorized resources, or
   * {@code "*"} among them for every resource of the type (the wildcard answer). Duplicate ids are
   * dropped.
   *
   * @param resourceType the resource type the filter restricts
   * @param ids the authorized ids
   * @param sqlTypes the SQL type of the id column per type name (absent means text)
   * @return {@link Kind#ALWAYS} for a wildcard, {@link Kind#NEVER} for no id, otherwise a
   *     conditional filter whose plan is {@link Plan.Values} of the ids
   * @throws IllegalArgumentException if an id is empty
   */
  public static AuthorizedFilter ofIds(
      String resourceType, List<String> ids, Map<String, SqlType> sqlTypes) {
    requireNonNull(resourceType, "resourceType");
    if (ids.contains(WILDCARD)) {
      Plan every =
          new Plan.Project(new Plan.Constant(true), List.of(new Plan.Expr.Any(resourceType)));
      return of(resourceType, every, sqlTypes);
    }
    List<List<Value>> rows = new ArrayList<>(ids.size());
    for (String id : new LinkedHashSet<>(ids)) {
      rows.add(List.of(new Value(resourceType, id)));
    }
    Plan values = new Plan.Values(1, rows);
    return new AuthorizedFilter(PlanShapes.classify(values), resourceType, values, sqlTypes, true);
  }

  /**
   * Returns the authorized ids when the filter was made from them ({@link #ofIds}, as a remote
   * {@code Oso} makes it), so a caller may bind them itself. Such a filter does not read the
   * database: it is the answer at the time it was made.
   *
   * @return the ids in the filter's order, or empty when the filter is a plan over the database (an
   *     embedded instance's) or {@link Kind#ALWAYS}
   */
  public Optional<List<String>> ids() {
    if (!idList) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (List<Value> row : ((Plan.Values) plan).rows()) {
      out.add(row.get(0).id());
    }
    return Optional.of(List.copyOf(out));
  }

  /**
   * Returns whether the filter is constant.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the resource type whose rows the filter restricts.
   *
   * @return the type name
   */
  public String resourceType() {
    return resourceType;
  }

  /**
   * Returns the plan: arity 1, its tuples are the authorized resources (an {@link Plan.Expr.Any}
   * output meaning every resource of the type).
   *
   * @return the plan
   */
  public Plan plan() {
    return plan;
  }

  /**
   * Returns the SQL type of the id column of a type, as configured by {@code sql_types}.
   *
   * @param type the type name
   * @return the SQL type, {@link SqlType#TEXT} when not configured
   */
  public SqlType sqlType(String type) {
    return sqlTypes.getOrDefault(type, SqlType.TEXT);
  }

  /**
   * Renders the filter as a boolean SQL predicate on a column holding the resource ids.
   *
   * @param column the caller's id column, qualified as the outer query aliases it (such as {@code
   *     r.id}); checked with {@link SqlDialect#checkIdentifier}
   * @param dialect the dialect
   * @return the predicate ({@code 1=1} for always, {@code 1=0} for never) and its parameters
   * @throws IllegalArgumentException if the column is not an acceptable identifier
   */
  public SqlFragment toSql(String column, SqlDialect dialect) {
    SqlDialect.checkIdentifier(column);
    if (kind == Kind.ALWAYS) {
      return new SqlFragment("1=1", java.util.List.of());
    }
    if (kind == Kind.NEVER) {
      return new SqlFragment("1=0", java.util.List.of());
    }
    return SqlRenderer.bound(dialect).filter(plan, column, sqlType(resourceType), resourceType);
  }

  /**
   * Renders the filter as a boolean SQL predicate on the rows of the caller's table. The result is
   * the same set of rows as {@link #toSql(String, SqlDialect)} on {@code target.column()}, but a
   * way of being authorized that reads the same table by its id column becomes a condition on the
   * caller's row ({@code r.is_public}, {@code r.org_id IN (…)}) rather than a second scan of the
   * table, which is what a hand-written query would say.
   *
   * @param target the caller's table, its alias in the query and its id column (a unique key)
   * @param dialect the dialect
   * @return the predicate ({@code 1=1} for always, {@code 1=0} for never) and its parameters
   */
  public SqlFragment toSql(FilterTarget target, SqlDialect dialect) {
    requireNonNull(target, "target");
    if (kind == Kind.ALWAYS) {
      return new SqlFragment("1=1", java.util.List.of());
    }
    if (kind == Kind.NEVER) {
      return new SqlFragment("1=0", java.util.List.of());
    }
    return SqlRenderer.bound(dialect).filter(plan, target, sqlType(resourceType), resourceType);
  }

  @Override
  public String toString() {
    return "AuthorizedFilter[" + kind + " " + resourceType + "]";
  }
}
