package dev.osoj.internal.jooq;

import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.FilterTarget;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlFragment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Context;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;
import org.jspecify.annotations.Nullable;

/**
 * Renders a filter in the table-aware form of {@link AuthorizedFilter#toSql(FilterTarget,
 * SqlDialect)}, inside a query jOOQ is rendering: the {@link FilterTarget} is read from the way the
 * context itself renders the caller's id column and table, so conditions on the caller's row
 * reference the table exactly as the query's {@code FROM} does.
 *
 * <p>Only an id column that is alone its table's primary key (or a unique key of a non-null column)
 * in the table's jOOQ metadata (or of an alias of such a table; not a field made from a qualified
 * name, whose qualifier may be any alias) that jOOQ renders as {@code qualifier.id} (an alias, or
 * the table's name, schema-qualified or not), on H2 or PostgreSQL, qualifies; for anything else
 * {@link #render} returns false and the caller renders the plan another way. Names are only
 * accepted when every part is a plain identifier or a double-quoted one of letters, digits, {@code
 * _} and {@code $}.
 */
public final class TableAware {
  /** A plain or a strictly double-quoted name part. */
  private static final String PART = "[A-Za-z_][A-Za-z0-9_$]*|\"[A-Za-z0-9_$]+\"";

  private static final Pattern PARTS = Pattern.compile("(" + PART + ")(?:\\.|$)");
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private TableAware() {}

  /**
   * Writes the filter's table-aware SQL into the context, its values as bind values, if the id
   * column allows it.
   *
   * @param filter a conditional filter
   * @param id the caller's id column
   * @param ctx the context rendering the caller's query
   * @return whether anything was written; if not, the context is untouched
   */
  public static boolean render(AuthorizedFilter filter, Field<?> id, Context<?> ctx) {
    FilterTarget target = target(id, ctx);
    SqlDialect dialect = dialect(ctx.family());
    if (target == null || dialect == null) {
      return false;
    }
    SqlFragment fragment = filter.toSql(target, dialect);
    List<String> text = fragment.textAroundParameters().orElse(null);
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.size(); i++) {
      ctx.sql(text.get(i));
      if (i < fragment.parameters().size()) {
        ctx.visit(DSL.val(fragment.parameters().get(i)));
      }
    }
    return true;
  }

  /**
   * Returns the target naming the caller's table as the context renders it, or null if the id
   * column does not allow one.
   *
   * @param id the caller's id column
   * @param ctx the rendering context
   * @return the target, or null
   */
  static @Nullable FilterTarget target(Field<?> id, Context<?> ctx) {
    SqlDialect dialect = dialect(ctx.family());
    if (!(id instanceof TableField) || dialect == null) {
      return null;
    }
    Table<?> table = ((TableField<?, ?>) id).getTable();
    if (table == null) {
      return null;
    }
    if (table instanceof QOM.TableAlias) {
      table = ((QOM.TableAlias<?>) table).$table();
    }
    if (!isKey(table, id.getName())) {
      // a column that is not a key (the caller's row is then not "the row whose id is X"), or one
      // named by a qualified name only (its qualifier may be any alias)
      return null;
    }
    List<String> column = parts(ctx.dsl().render(id));
    List<String> tableName = parts(ctx.dsl().render(table));
    if (column == null || column.size() < 2 || tableName == null) {
      return null;
    }
    String idColumn = dialect.plainName(column.get(column.size() - 1));
    if (!SIMPLE.matcher(idColumn).matches()) {
      return null;
    }
    List<String> qualified = new ArrayList<>();
    for (String part : tableName) {
      qualified.add(dialect.plainName(part));
    }
    try {
      // the qualifier the query references the row by: an alias, or the table's name as rendered
      String row = String.join(".", column.subList(0, column.size() - 1));
      return FilterTarget.of(String.join(".", qualified), row, idColumn);
    } catch (IllegalArgumentException e) {
      return null; // such as an unquoted alias holding '$'
    }
  }

  /**
   * Returns whether a column is, alone, the table's primary key or a unique key of a column that
   * cannot be null: the table-aware form treats the row whose id is X as the caller's row.
   */
  private static boolean isKey(Table<?> table, String column) {
    for (UniqueKey<?> key : table.getKeys()) {
      if (key.getFields().size() == 1) {
        TableField<?, ?> field = key.getFields().get(0);
        if (field.getName().equals(column)
            && (key.isPrimary() || !field.getDataType().nullable())) {
          return true;
        }
      }
    }
    return false;
  }

  private static @Nullable SqlDialect dialect(SQLDialect family) {
    if (family == SQLDialect.H2) {
      return SqlDialect.H2;
    }
    if (family == SQLDialect.POSTGRES) {
      return SqlDialect.POSTGRES;
    }
    return null;
  }

  /** Splits a rendered name into its parts, or returns null if a part is not acceptable. */
  private static @Nullable List<String> parts(String rendered) {
    List<String> out = new ArrayList<>();
    Matcher m = PARTS.matcher(rendered);
    int at = 0;
    while (at < rendered.length()) {
      if (!m.find(at) || m.start() != at) {
        return null;
      }
      out.add(m.group(1));
      at = m.end();
    }
    return out.isEmpty() || rendered.endsWith(".") ? null : out;
  }
}
