package dev.osoj.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Assembles the branches of a filter ({@link SqlRenderer#filter}) into one predicate: conditions on
 * the caller's row first (they are the cheapest to test), then one {@code IN} or {@code EXISTS} per
 * branch, so that the database can test each branch as a hashed semi-join while it walks the
 * caller's {@code ORDER BY} index, and stop at its {@code LIMIT}.
 *
 * <p>On H2 a sub-query that tests more than one condition is read through a derived table. H2 (2.5)
 * keeps an {@code IN} sub-query's result between rows but, on every row it tests, first checks that
 * the result is still valid: it collects the tables the sub-query reads, walks its expressions and
 * compares its parameters. That check grows with each column and parameter the sub-query names, and
 * on a {@code COUNT(*)} over a million rows it is a large part of the cost; behind a derived table
 * (which H2 sees as one view) it measured cheaper. A sub-query with one condition measured faster
 * left as it is. PostgreSQL keeps the plain form, which it already plans as the hand-written query
 * (and before version 16 it would require an alias on the derived table).
 *
 * <p>Measured and rejected for H2: one {@code IN} over a {@code UNION ALL} of the branches. It is
 * faster still on {@code COUNT(*)}, but it trades a branch's condition on the caller's row ({@code
 * r.org_id IN (the user's organizations)}) for the ids that branch reaches (every repository of
 * those organizations), which a page must then compute in full, however large. Figures:
 * benchmarks/results-sql.md.
 */
final class FilterParts {
  private final SqlRenderer renderer;
  private final List<String> rowParts = new ArrayList<>();
  private final List<String> inParts = new ArrayList<>();
  private final List<String> exists = new ArrayList<>();

  FilterParts(SqlRenderer renderer) {
    this.renderer = renderer;
  }

  /** Adds a branch's condition on the caller's row. */
  void own(String condition) {
    (condition.startsWith("EXISTS") || condition.contains(" IN (") ? inParts : rowParts)
        .add(condition);
  }

  /** Adds a branch as {@code lhs IN (subquery)}. */
  void in(String lhs, String subquery) {
    inParts.add(in(renderer, lhs, subquery));
  }

  /** Adds a branch that does not depend on the caller's row. */
  void exists(String condition) {
    exists.add(condition);
  }

  /** Returns the predicate: the branches joined by {@code OR}, or false when there are none. */
  String assemble() {
    List<String> parts = new ArrayList<>(rowParts);
    parts.addAll(inParts);
    parts.addAll(exists);
    if (parts.isEmpty()) {
      return SqlRenderer.FALSE;
    }
    return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
  }

  /**
   * Renders {@code lhs IN (subquery)}; on H2, a sub-query testing more than one condition through a
   * derived table (see the class comment).
   */
  static String in(SqlRenderer renderer, String lhs, String subquery) {
    String body =
        renderer.dialect() == SqlDialect.H2
                && (subquery.contains(" AND ") || subquery.contains(" OR "))
            ? "SELECT * FROM (" + subquery + ")"
            : subquery;
    return lhs + " IN (" + renderer.withCtes(body) + ")";
  }
}
