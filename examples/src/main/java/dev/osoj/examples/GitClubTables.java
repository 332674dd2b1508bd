package dev.osoj.examples;

import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The GitClub tables as jOOQ sees them through the database's own metadata ({@code
 * DSLContext.meta()}), primary and foreign keys included, without code generation.
 */
public final class GitClubTables {
  /** {@code organizations}. */
  public final Table<?> organizations;

  /** {@code repositories}. */
  public final Table<?> repositories;

  /** {@code issues}. */
  public final Table<?> issues;

  /** {@code folders}. */
  public final Table<?> folders;

  /** {@code users}. */
  public final Table<?> users;

  /** {@code org_roles}. */
  public final Table<?> orgRoles;

  /** {@code repo_roles}. */
  public final Table<?> repoRoles;

  private GitClubTables(DSLContext ctx) {
    String schema = ctx.select(DSL.currentSchema()).fetchOne(0, String.class);
    List<Table<?>> all =
        ctx.meta().getSchemas(schema).stream().flatMap(s -> s.getTables().stream()).toList();
    organizations = table(all, "organizations");
    repositories = table(all, "repositories");
    issues = table(all, "issues");
    folders = table(all, "folders");
    users = table(all, "users");
    orgRoles = table(all, "org_roles");
    repoRoles = table(all, "repo_roles");
  }

  /**
   * Reads the tables' metadata from the database.
   *
   * @param ctx a context on the database holding the GitClub schema
   * @return the tables
   */
  public static GitClubTables read(DSLContext ctx) {
    return new GitClubTables(ctx);
  }

  /**
   * Returns a column of a table, whatever case the database folded its name to.
   *
   * @param table the table
   * @param name the column name in lower case
   * @param type the Java type
   * @param <T> the Java type
   * @return the column
   */
  @SuppressWarnings("unchecked")
  public static <T> TableField<?, T> column(Table<?> table, String name, Class<T> type) {
    for (Field<?> f : table.fields()) {
      if (f.getName().equalsIgnoreCase(name)) {
        if (!type.isAssignableFrom(f.getType())) {
          throw new IllegalArgumentException(
              "column '" + name + "' holds " + f.getType().getName() + ", not " + type.getName());
        }
        return (TableField<?, T>) f;
      }
    }
    throw new IllegalArgumentException(
        "table '" + table.getName() + "' has no column '" + name + "'");
  }

  private static Table<?> table(List<Table<?>> all, String name) {
    for (Table<?> t : all) {
      if (t.getName().toLowerCase(Locale.ROOT).equals(name)) {
        return t;
      }
    }
    throw new IllegalStateException("table '" + name + "' not found: was the schema created?");
  }
}
