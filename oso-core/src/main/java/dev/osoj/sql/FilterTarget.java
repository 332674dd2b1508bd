package dev.osoj.sql;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rows a filter restricts, named the way the caller's query names them: the table, the alias
 * the query gives it and its id column. With it, {@link AuthorizedFilter#toSql(FilterTarget,
 * SqlDialect)} can turn a way of being authorized that reads the same table by its id (such as
 * {@code is_public(repo)} or {@code has_relation(repo, "organization", org)} bound to {@code
 * repositories}) into a condition on the caller's row ({@code r.is_public}, {@code r.org_id IN
 * (…)}) instead of a second scan of the table.
 *
 * <pre>{@code
 * FilterTarget repos = FilterTarget.of("repositories", "r", "id");
 * SqlFragment where = oso.listFilter(alice, "read", "Repository").toSql(repos, SqlDialect.POSTGRES);
 * String sql = "SELECT r.* FROM repositories r WHERE " + where.sql() + " ORDER BY r.name LIMIT 50";
 * }</pre>
 *
 * <p>The id column must identify the table's rows and never be null (a primary key, or a unique
 * {@code NOT NULL} column): the rewrite relies on "the row whose id is X" being the caller's row. A
 * table is matched with a local binding's {@code FROM} by name as the database compares names: a
 * double-quoted part counts as plain where the database reads it the same ({@code "REPOSITORIES"}
 * on H2, {@code "repositories"} on PostgreSQL), plain parts are compared ignoring case, other
 * quoted parts exactly ({@code "Repos"} is not {@code "REPOS"}); bindings whose query is not a
 * simple {@code SELECT … FROM table [WHERE …]} are never matched and keep the {@code id IN (…)}
 * form.
 *
 * <p>The alias is a simple identifier ({@code r}) or one double-quoted identifier made only of
 * letters, digits, {@code _} and {@code $} ({@code "r"}, {@code "Repos"}), as a query builder that
 * quotes every name writes it. When the query gives the table no alias it is the table's name as
 * the query writes it, which may be schema-qualified ({@code public.repositories}, {@code
 * "PUBLIC"."REPOSITORIES"}: up to three such parts). It is written into the SQL exactly as given.
 * {@link #placeholder(String, String)} makes a target whose alias is Hibernate's {@code {alias}}
 * placeholder, for filter conditions.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FilterTarget {
  /** The placeholder Hibernate replaces with the entity's table alias in a filter condition. */
  public static final String ALIAS_PLACEHOLDER = "{alias}";

  /** One part of an alias: plain, or double-quoted letters, digits, {@code _} and {@code $}. */
  private static final String ALIAS_PART = "(?:[A-Za-z_][A-Za-z0-9_]*|\"[A-Za-z0-9_$]+\")";

  private static final Pattern ALIAS =
      Pattern.compile(ALIAS_PART + "(?:\\." + ALIAS_PART + "){0,2}");

  private final String table;
  private final String alias;
  private final String idColumn;

  /**
   * Creates a target, validating the identifiers.
   *
   * @param table the table, as the binding queries name it, optionally schema-qualified
   * @param alias the alias of the table in the caller's query (the table name as the query writes
   *     it, possibly schema-qualified, if the query gives none): up to three dot-separated parts,
   *     each a simple identifier or a double-quoted identifier of letters, digits, {@code _} and
   *     {@code $}
   * @param idColumn the id column, a simple identifier
   * @throws IllegalArgumentException naming the identifier that is not acceptable
   */
  public FilterTarget(String table, String alias, String idColumn) {
    this(table, checkAlias(requireNonNull(alias, "alias")), idColumn, true);
  }

  /** The flag only tells this constructor, whose alias is trusted, from the public one. */
  private FilterTarget(String table, String alias, String idColumn, boolean aliasChecked) {
    requireNonNull(table, "table");
    requireNonNull(idColumn, "idColumn");
    SqlDialect.checkIdentifier(table);
    SqlDialect.checkSimpleIdentifier(idColumn);
    this.table = table;
    this.alias = alias;
    this.idColumn = idColumn;
  }

  /**
   * Returns a target.
   *
   * @param table the table name
   * @param alias its alias in the caller's query (see {@link #FilterTarget(String, String,
   *     String)})
   * @param idColumn its id column
   * @return the target
   * @throws IllegalArgumentException if an identifier is not acceptable
   */
  public static FilterTarget of(String table, String alias, String idColumn) {
    return new FilterTarget(table, alias, idColumn);
  }

  /**
   * Returns a target whose alias is the {@link #ALIAS_PLACEHOLDER {alias}} placeholder of a
   * Hibernate filter condition, which Hibernate replaces with the alias it gives the entity's table
   * (such as {@code r1_0}) when it renders a query. The rendered predicate is meant for a filter
   * definition only: it is not valid SQL until Hibernate has replaced the placeholder. Hibernate's
   * aliases hold an underscore, the renderer's private aliases (a letter and digits) never do, so
   * the caller's alias cannot be hidden by one inside a sub-query.
   *
   * @param table the entity's table, as the binding queries name it
   * @param idColumn the entity's id column, a simple identifier
   * @return the target
   * @throws IllegalArgumentException if an identifier is not acceptable
   */
  public static FilterTarget placeholder(String table, String idColumn) {
    return new FilterTarget(table, ALIAS_PLACEHOLDER, idColumn, true);
  }

  /**
   * Returns the table, as the binding queries name it.
   *
   * @return the table name
   */
  public String table() {
    return table;
  }

  /**
   * Returns the alias of the table in the caller's query, as it is written into the SQL.
   *
   * @return the alias
   */
  public String alias() {
    return alias;
  }

  /**
   * Returns the id column.
   *
   * @return the column name
   */
  public String idColumn() {
    return idColumn;
  }

  /**
   * Returns the qualified id column, {@code alias.idColumn}.
   *
   * @return the column reference
   */
  public String column() {
    return alias + "." + idColumn;
  }

  /**
   * Returns the alias's last part without its quotes, in lower case: the name a private alias of
   * the rendered SQL must not have, lest it hide the caller's table inside a sub-query.
   */
  String aliasName() {
    String last = alias.substring(alias.lastIndexOf('.') + 1);
    String bare = last.startsWith("\"") ? last.substring(1, last.length() - 1) : last;
    return bare.toLowerCase(Locale.ROOT);
  }

  private static String checkAlias(String alias) {
    if (!ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException(
          "'"
              + alias
              + "' is not an acceptable alias (up to three dot-separated parts, each letters,"
              + " digits and '_', or double-quoted letters, digits, '_' and '$')");
    }
    return alias;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterTarget t
        && table.equals(t.table)
        && alias.equals(t.alias)
        && idColumn.equals(t.idColumn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, alias, idColumn);
  }

  @Override
  public String toString() {
    return "FilterTarget[table=" + table + ", alias=" + alias + ", idColumn=" + idColumn + "]";
  }
}
