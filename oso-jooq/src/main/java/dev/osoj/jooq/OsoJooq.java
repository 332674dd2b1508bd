package dev.osoj.jooq;

import static java.util.Objects.requireNonNull;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.internal.jooq.PlanRenderer;
import dev.osoj.internal.jooq.Registry;
import dev.osoj.internal.jooq.TableAware;
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
 * <p><b>Shape.</b> On H2 and PostgreSQL, when the id is a column that is alone the primary key of
 * its table in jOOQ's metadata (generated code, {@code DSLContext.meta()}), or alone a unique key
 * of a non-null column, the table possibly aliased, and jOOQ renders it as {@code qualifier.id} (an
 * alias, or the table's name, schema-qualified or not; plain or double-quoted names of letters,
 * digits, {@code _} and {@code $}), the condition is the table-aware form of {@link
 * AuthorizedFilter#toSql(dev.osoj.sql.FilterTarget, dev.osoj.sql.SqlDialect)}: a way of being
 * authorized that reads the caller's own table by its id through a simple local binding ({@code
 * SELECT id FROM repositories WHERE is_public}, {@code SELECT id, org_id FROM repositories})
 * becomes a condition on the caller's row ({@code r.is_public}, {@code r.org_id IN (SELECT … FROM
 * org_roles …)}), the other ways one {@code r.id IN (subquery)} each, so the database gets the plan
 * of a hand-written query. The caller's row is referenced exactly as jOOQ renders it in the query;
 * the binding's table is matched by the name jOOQ renders for the table (quotes dropped when the
 * database would fold the plain name to the same, schema included when jOOQ renders one), plain
 * parts ignoring case, quoted ones exactly (see {@link dev.osoj.sql.FilterTarget}): a binding that
 * names the table without its schema is not matched with a table jOOQ renders schema-qualified, as
 * it may name another schema's table (that way stays an {@code id IN (subquery)}). The SQL text
 * comes from the core renderer and every value is a jOOQ bind value.
 *
 * <p>Otherwise (another dialect, a column that is not such a key, such as a foreign key filtered by
 * the type it references, a field made from a qualified name only, a name with other characters)
 * the condition is built from the policy's plan with jOOQ's DSL, jOOQ rendering the dialect: {@code
 * id IN (subquery)} per way of being authorized, with private aliases ({@code oso_1}, …). Both
 * forms compose with the caller's joins, {@code ORDER BY}, {@code LIMIT} and {@code COUNT(*)}.
 * {@link AuthorizedFilter.Kind#ALWAYS} becomes {@link DSL#trueCondition()} and {@link
 * AuthorizedFilter.Kind#NEVER} {@link DSL#falseCondition()}. A filter that is a fixed list of ids
 * ({@link AuthorizedFilter#ids()}, what a remote {@code Oso} returns) becomes {@code id IN (?, …)},
 * each id bound as the column's own type; an id that no value of that type has is left out.
 *
 * <p><b>Limitations.</b> The query text of a hand-written local binding is trusted configuration
 * and enters the condition as plain SQL; in the jOOQ-built form, bindings from {@link JooqBindings}
 * are rendered through jOOQ. The queries {@link JooqBindings} derives quote the names jOOQ quotes
 * (those of generated code and of {@code DSLContext.meta()}, often schema-qualified); the core
 * renderer reads such names like plain ones when every quoted part is made of letters, digits,
 * {@code _} and {@code $}, so those bindings get the table-aware form as hand-written simple ones
 * do. A binding of any other form stays an {@code id IN (subquery)}. The condition reads facts when
 * the query runs, except facts held in memory, which are copied into it as bind values: do not
 * cache a condition across users or writes. In the jOOQ-built form, a recursive plan with several
 * recursive branches is rendered as several {@code UNION} terms, which H2 does not evaluate. Only
 * {@code SELECT} is filtered.
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
        // rendered when the query is: the shape, the caller's table as the query names it and
        // the H2 cycle guard depend on the context
        return CustomCondition.of(
            ctx -> {
              // a fixed list of ids binds them as the column's own type, whatever sql_types say
              if (filter.ids().isPresent() || !TableAware.render(filter, id, ctx)) {
                logger.debug(
                    "{}: '{}' cannot name the caller's table on {}; jOOQ-built form",
                    filter,
                    id,
                    ctx.family());
                ctx.visit(
                    new PlanRenderer(selects, ctx.family() == SQLDialect.H2)
                        .filter(filter.plan(), id, filter.resourceType()));
              }
            });
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
