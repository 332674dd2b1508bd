package dev.osoj.jooq;

import static java.util.Objects.requireNonNull;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.internal.jooq.PlanRenderer;
import dev.osoj.internal.jooq.Registry;
import dev.osoj.sql.AuthorizedFilter;
import java.util.Locale;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns "which rows may this actor act on" into a jOOQ {@link Condition} on the caller's id column,
 * so the database filters, pages and counts exactly:
 *
 * <pre>{@code
 * JooqBindings bindings = JooqBindings.builder()
 *     .resource("Organization", ORGANIZATIONS)
 *     .resource("Repository", REPOSITORIES)        // organization_id -> has_relation
 *     .attribute(REPOSITORIES.IS_PUBLIC)           // is_public(Repository)
 *     .resource("User", USERS)
 *     .roles(ORG_ROLES.USER_ID, ORG_ROLES.ROLE, ORG_ROLES.ORGANIZATION_ID)
 *     .build();
 * Oso oso = Oso.embedded().policy(policyText).sqlDialect(SqlDialect.POSTGRES)
 *     .localBindings(LocalBindings.fromYaml(bindings.toYaml())).build();
 * List<String> names = ctx.select(REPOSITORIES.NAME).from(REPOSITORIES)
 *     .where(OsoJooq.authorized(oso, alice, "read", REPOSITORIES.ID))
 *     .orderBy(REPOSITORIES.NAME).limit(20).offset(0)
 *     .fetch(REPOSITORIES.NAME);
 * }</pre>
 *
 * <p>The condition is {@code id IN (subquery)} with private aliases ({@code oso_1}, …), so it
 * composes with the caller's joins, {@code ORDER BY}, {@code LIMIT} and {@code COUNT(*)}. It is
 * built from the policy's plan with jOOQ's DSL: every value is a bind value and jOOQ renders the
 * dialect. {@link AuthorizedFilter.Kind#ALWAYS} becomes {@link DSL#trueCondition()} and {@link
 * AuthorizedFilter.Kind#NEVER} {@link DSL#falseCondition()}.
 *
 * <p><b>Limitations.</b> The query text of a hand-written local binding is trusted configuration
 * and enters the condition as plain SQL ({@code DSL.table(DSL.sql(...))}); bindings from {@link
 * JooqBindings} are rendered through jOOQ. The condition reads facts when the query runs, except
 * facts held in memory, which are copied into it as bind values: do not cache a condition across
 * users or writes. A recursive plan with several recursive branches is rendered as several {@code
 * UNION} terms, which H2 does not evaluate. Only {@code SELECT} is filtered.
 *
 * <p>Thread safety: the methods are stateless and thread-safe.
 */
public final class OsoJooq {
  private static final Logger logger = LoggerFactory.getLogger(OsoJooq.class);

  private OsoJooq() {}

  /**
   * Returns the condition restricting an id column to the resources an actor may act on, the
   * resource type being the one {@link JooqBindings} mapped the column's table to or, failing that,
   * the table name in singular upper camel case ({@code repositories} → {@code Repository}).
   *
   * @param oso the authorization engine
   * @param actor the actor
   * @param action the action
   * @param id the id column, of a table or an alias of one
   * @return the condition
   * @throws dev.osoj.EvaluationException if the question cannot be expressed in SQL
   */
  public static Condition authorized(Oso oso, Value actor, String action, Field<?> id) {
    requireNonNull(id, "id");
    return authorized(oso, actor, action, resourceTypeOf(id), id);
  }

  /**
   * Returns the condition restricting an id column to the resources of a given type an actor may
   * act on.
   *
   * @param oso the authorization engine
   * @param actor the actor
   * @param action the action
   * @param resourceType the resource type
   * @param id the id column
   * @return the condition
   * @throws dev.osoj.EvaluationException if the question cannot be expressed in SQL
   */
  public static Condition authorized(
      Oso oso, Value actor, String action, String resourceType, Field<?> id) {
    requireNonNull(oso, "oso");
    requireNonNull(actor, "actor");
    requireNonNull(action, "action");
    requireNonNull(resourceType, "resourceType");
    requireNonNull(id, "id");
    AuthorizedFilter filter = oso.listFilter(actor, action, resourceType);
    logger.debug("{} {} {}: {}", actor, action, resourceType, filter.kind());
    return condition(filter, id);
  }

  /**
   * Renders a filter obtained from {@link Oso#listFilter} as a condition on an id column.
   *
   * @param filter the filter
   * @param id the id column
   * @return the condition
   */
  public static Condition condition(AuthorizedFilter filter, Field<?> id) {
    requireNonNull(filter, "filter");
    requireNonNull(id, "id");
    switch (filter.kind()) {
      case ALWAYS:
        return DSL.trueCondition();
      case NEVER:
        return DSL.falseCondition();
      case CONDITIONAL:
        Map<String, Select<?>> selects = Registry.selects();
        // rendered when the query is: the H2 cycle guard depends on the dialect
        return CustomCondition.of(
            ctx ->
                ctx.visit(
                    new PlanRenderer(selects, ctx.family() == SQLDialect.H2)
                        .filter(filter.plan(), id, filter.resourceType())));
      default:
        throw new AssertionError(filter.kind());
    }
  }

  private static String resourceTypeOf(Field<?> id) {
    if (!(id instanceof TableField)) {
      throw new IllegalArgumentException(
          "field '" + id.getName() + "' is no table column: pass the resource type explicitly");
    }
    Table<?> table = ((TableField<?, ?>) id).getTable();
    if (table instanceof QOM.TableAlias) {
      table = ((QOM.TableAlias<?>) table).$table();
    }
    Table<?> unaliased = table;
    return Registry.typeOf(unaliased).orElseGet(() -> conventionalType(unaliased.getName()));
  }

  private static String conventionalType(String table) {
    String name = table.toLowerCase(Locale.ROOT);
    if (name.endsWith("ies")) {
      name = name.substring(0, name.length() - 3) + "y";
    } else if (name.endsWith("s") && !name.endsWith("ss")) {
      name = name.substring(0, name.length() - 1);
    }
    StringBuilder b = new StringBuilder();
    boolean upper = true;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        b.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return b.toString();
  }
}
