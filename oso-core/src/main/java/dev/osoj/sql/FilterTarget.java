package dev.osoj.sql;

import static java.util.Objects.requireNonNull;

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
 * table is matched with a local binding's {@code FROM} by name, ignoring case; bindings whose query
 * is not a simple {@code SELECT … FROM table [WHERE …]} are never matched and keep the {@code id IN
 * (…)} form.
 *
 * @param table the table, as the binding queries name it, optionally schema-qualified
 * @param alias the alias of the table in the caller's query (the table name itself if the query
 *     gives none), a simple identifier
 * @param idColumn the id column, a simple identifier
 */
public record FilterTarget(String table, String alias, String idColumn) {
  /**
   * Creates a target, validating the identifiers.
   *
   * @throws IllegalArgumentException naming the identifier that is not acceptable
   */
  public FilterTarget {
    requireNonNull(table, "table");
    requireNonNull(alias, "alias");
    requireNonNull(idColumn, "idColumn");
    SqlDialect.checkIdentifier(table);
    SqlDialect.checkSimpleIdentifier(alias);
    SqlDialect.checkSimpleIdentifier(idColumn);
  }

  /**
   * Returns a target.
   *
   * @param table the table name
   * @param alias its alias in the caller's query
   * @param idColumn its id column
   * @return the target
   * @throws IllegalArgumentException if an identifier is not acceptable
   */
  public static FilterTarget of(String table, String alias, String idColumn) {
    return new FilterTarget(table, alias, idColumn);
  }

  /**
   * Returns the qualified id column, {@code alias.idColumn}.
   *
   * @return the column reference
   */
  public String column() {
    return alias + "." + idColumn;
  }
}
