package dev.osoj.internal.hibernate;

import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.FilterTarget;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlFragment;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of an entity's compiled filter, in the two forms a filter condition can take: the
 * table-aware form on the {@link FilterTarget#placeholder {alias}} of the entity's table (ways of
 * being authorized that read that table by its id become conditions on the entity's row, such as
 * {@code {alias}.is_public}), and the column form {@code {alias}.id IN (…)}. The bootstrap compiles
 * the first that can be a filter condition; a session uses the first whose text is the compiled
 * one, so both sides agree on the form without sharing state.
 */
final class EntityFilterSql {
  private EntityFilterSql() {}

  /**
   * Returns the renderings of a filter to try, best first: the table-aware form when the table and
   * id column can name a {@link FilterTarget}, then the column form.
   *
   * @param filter a conditional filter
   * @param table the entity's table, as the local bindings derived from the mapping name it
   * @param idColumn the entity's id column (checked)
   * @param dialect the dialect
   * @return one or two fragments
   */
  static List<SqlFragment> renderings(
      AuthorizedFilter filter, String table, String idColumn, SqlDialect dialect) {
    List<SqlFragment> out = new ArrayList<>(2);
    FilterTarget target = target(table, idColumn);
    if (target != null) {
      out.add(filter.toSql(target, dialect));
    }
    out.add(filter.toSql("{alias}." + idColumn, dialect));
    return out;
  }

  /**
   * Returns the table's name as a session finds it in a persister's table name ({@code schema.
   * table}, possibly quoted by the dialect), reduced to the bare name the bootstrap reads from the
   * mapping.
   *
   * @param qualified the persister's table name
   * @return the last part, without quotes
   */
  static String bareTable(String qualified) {
    String last = qualified.substring(qualified.lastIndexOf('.') + 1);
    if (last.length() > 1 && (last.startsWith("\"") && last.endsWith("\""))) {
      return last.substring(1, last.length() - 1);
    }
    return last;
  }

  private static @Nullable FilterTarget target(String table, String idColumn) {
    try {
      return FilterTarget.placeholder(table, idColumn);
    } catch (IllegalArgumentException e) {
      return null; // a quoted or qualified id column, an unusual table name: the column form only
    }
  }
}
