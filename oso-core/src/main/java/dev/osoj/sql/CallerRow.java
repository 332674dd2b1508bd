package dev.osoj.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The table-aware part of {@link SqlRenderer#filter(Plan, FilterTarget, SqlType, String)}: a branch
 * that reads the caller's own table (an inlined binding on the same table whose output is the id
 * column) becomes a condition on the caller's row. Private aliases are found exactly because the
 * renderer brackets them with marker characters until the text is finished.
 */
final class CallerRow {
  private CallerRow() {}

  /**
   * Rewrites a branch that reads the caller's own table, keyed by the id column, as a condition on
   * the caller's row: the branch's other relations, if any, become {@code column IN (subquery)}
   * when a single equality links them to the row, else a correlated {@code EXISTS}.
   *
   * @return the condition, or null when the branch does not read the caller's table that way
   */
  static @Nullable String condition(
      SqlRenderer r, SqlRenderer.Block b, SqlCol out, FilterTarget target) {
    for (String[] item : b.inlined) {
      String alias = item[0];
      if (!r.dialect().sameName(item[1], target.table())
          || !out.idSql().equalsIgnoreCase(alias + "." + target.idColumn())) {
        continue;
      }
      List<String> rest = new ArrayList<>(b.from);
      rest.remove(item[2]);
      List<String> own = new ArrayList<>();
      List<String> other = new ArrayList<>();
      List<String> mixed = new ArrayList<>();
      for (String w : b.where) {
        boolean mine = w.contains(alias);
        boolean theirs = aliasCount(w) > occurrences(w, alias);
        (mine ? (theirs ? mixed : own) : other).add(w);
      }
      String row = target.alias();
      // a private alias equal to the caller's (quoted or not, in any case) would shadow it in a
      // sub-query
      String marked = SqlRenderer.ALIAS_START + target.aliasName() + SqlRenderer.ALIAS_END;
      if (lower(b.from).contains(marked) || lower(b.where).contains(marked)) {
        return null;
      }
      if (rest.isEmpty()) {
        List<String> all = new ArrayList<>(own);
        all.addAll(other);
        all.addAll(mixed);
        return SqlRenderer.and(all).replace(alias, row);
      }
      String link = mixed.size() == 1 ? mixed.get(0) : null;
      Matcher m = link == null ? null : LINK.matcher(link);
      if (m != null
          && m.matches()
          && (m.group(1).startsWith(alias) != m.group(2).startsWith(alias))) {
        String mine = m.group(1).startsWith(alias) ? m.group(1) : m.group(2);
        String theirs = m.group(1).startsWith(alias) ? m.group(2) : m.group(1);
        StringBuilder sub = new StringBuilder("SELECT ").append(theirs).append(" FROM ");
        sub.append(String.join(", ", rest));
        String w = SqlRenderer.and(other);
        if (!w.equals(SqlRenderer.TRUE)) {
          sub.append(" WHERE ").append(w);
        }
        own.add(FilterParts.in(r, mine, sub.toString()));
        return SqlRenderer.and(own).replace(alias, row);
      }
      List<String> all = new ArrayList<>(own);
      all.addAll(other);
      all.addAll(mixed);
      return ("EXISTS ("
              + r.withCtes(
                  "SELECT 1 FROM " + String.join(", ", rest) + " WHERE " + SqlRenderer.and(all))
              + ")")
          .replace(alias, row);
    }
    return null;
  }

  /** A column of a private alias: the alias in its markers, a plain or a quoted name. */
  private static final String COLUMN =
      "(\\u0003[A-Za-z0-9_]+\\u0004\\.(?:[A-Za-z_][A-Za-z0-9_]*|\"[A-Za-z0-9_$]+\"))";

  /** An equality between two alias-qualified columns. */
  private static final Pattern LINK = Pattern.compile(COLUMN + " = " + COLUMN);

  private static String lower(List<String> parts) {
    return String.join(" ", parts).toLowerCase(Locale.ROOT);
  }

  private static int aliasCount(String text) {
    return occurrences(text, String.valueOf(SqlRenderer.ALIAS_START));
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
