package dev.osoj.sql;

import dev.osoj.EvaluationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Renders one {@link Plan.Fixpoint} as a recursive common table expression. Several recursive
 * branches are merged into one recursive term that reads the relation once (both databases allow
 * only one self-reference): a discriminator row per branch, each branch's other relations joined
 * with {@code LEFT JOIN … ON} its own condition.
 */
final class SqlFixpoint {
  private final SqlRenderer r;
  private final Plan.Fixpoint f;
  private final boolean h2;

  SqlFixpoint(SqlRenderer r, Plan.Fixpoint f) {
    this.r = r;
    this.f = f;
    this.h2 = r.dialect() == SqlDialect.H2;
  }

  String render() {
    List<SqlRenderer.Block> seeds = new ArrayList<>();
    for (Plan p : PlanShapes.branches(f.seed())) {
      SqlRenderer.Block b = r.block(p, false);
      SqlRenderer.settle(b);
      addLive(seeds, b);
    }
    String self = r.newAlias("r");
    String selfItem = f.name() + " " + self;
    List<SqlRenderer.Block> steps = new ArrayList<>();
    r.enterRecursion(f.name(), self);
    try {
      for (Plan p : PlanShapes.branches(f.step())) {
        SqlRenderer.Block b = r.block(p, false);
        SqlRenderer.settle(b);
        long refs = b.from.stream().filter(selfItem::equals).count();
        if (refs > 1) {
          throw new EvaluationException(
              "recursive relation '"
                  + f.name()
                  + "' uses itself more than once in one rule body; SQL recursion must be linear");
        }
        if (refs == 0) {
          addLive(seeds, b);
        } else {
          b.from.remove(selfItem);
          addLive(steps, b);
        }
      }
    } finally {
      r.leaveRecursion(f.name());
    }
    List<String> parts = new ArrayList<>();
    for (SqlRenderer.Block b : seeds) {
      parts.add(seedSelect(b));
    }
    if (parts.isEmpty()) {
      parts.add(emptySeed());
    }
    String union = h2 ? " UNION ALL " : " UNION ";
    String body = String.join(union, parts);
    if (!steps.isEmpty()) {
      body = body + union + stepSelect(steps, self, selfItem);
    }
    return f.name() + "(" + String.join(", ", columnNames()) + ") AS (" + body + ")";
  }

  private static void addLive(List<SqlRenderer.Block> out, SqlRenderer.Block b) {
    if (!b.never) {
      out.add(b);
    }
  }

  private List<String> columnNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < f.arity(); i++) {
      names.add("t" + i);
      names.add("v" + i);
    }
    if (h2) {
      names.add("p");
    }
    return names;
  }

  private String emptySeed() {
    List<String> exprs = new ArrayList<>();
    for (int i = 0; i < 2 * f.arity() + (h2 ? 1 : 0); i++) {
      exprs.add(r.nullText());
    }
    return "SELECT " + String.join(", ", exprs) + " WHERE " + SqlRenderer.FALSE;
  }

  private String seedSelect(SqlRenderer.Block b) {
    List<String> exprs = outputs(b.cols);
    if (h2) {
      exprs.add(key(exprs) + " AS p");
    }
    return plainSelect(exprs, b.from, b.where);
  }

  private List<String> outputs(List<SqlCol> cols) {
    List<String> exprs = new ArrayList<>();
    String text = r.dialect().textType();
    for (SqlCol c : cols) {
      exprs.add("CAST(" + r.typeExpr(c) + " AS " + text + ")");
      exprs.add("CAST(" + r.textId(c) + " AS " + text + ")");
    }
    return exprs;
  }

  private String stepSelect(List<SqlRenderer.Block> steps, String self, String selfItem) {
    if (steps.size() == 1) {
      SqlRenderer.Block b = steps.get(0);
      List<String> from = new ArrayList<>();
      from.add(selfItem);
      from.addAll(b.from);
      List<String> exprs = outputs(b.cols);
      List<String> where = new ArrayList<>(b.where);
      if (h2) {
        String key = key(exprs);
        where.add("POSITION(" + key + " IN " + self + ".p) = 0");
        exprs.add(self + ".p || " + key);
      }
      return plainSelect(exprs, from, where);
    }
    return mergedStep(steps, self, selfItem);
  }

  private String mergedStep(List<SqlRenderer.Block> steps, String self, String selfItem) {
    String k = r.newAlias("k");
    StringBuilder from = new StringBuilder(selfItem).append(" CROSS JOIN (VALUES ");
    List<String> ns = new ArrayList<>();
    for (int i = 1; i <= steps.size(); i++) {
      ns.add("(" + i + ")");
    }
    from.append(String.join(", ", ns)).append(") ").append(k).append("(n)");
    List<String> alternatives = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      SqlRenderer.Block b = steps.get(i);
      String cond = SqlRenderer.and(prepend(k + ".n = " + (i + 1), b.where));
      alternatives.add(cond);
      if (!b.from.isEmpty()) {
        String items = String.join(" CROSS JOIN ", b.from);
        from.append(" LEFT JOIN ")
            .append(b.from.size() == 1 ? items : "(" + items + ")")
            .append(" ON ")
            .append(cond);
      }
    }
    List<String> exprs = new ArrayList<>();
    for (int c = 0; c < 2 * f.arity(); c++) {
      StringBuilder e = new StringBuilder("CASE ").append(k).append(".n");
      for (int i = 0; i < steps.size(); i++) {
        e.append(" WHEN ").append(i + 1).append(" THEN ").append(outputs(steps.get(i).cols).get(c));
      }
      exprs.add(e.append(" END").toString());
    }
    List<String> where = new ArrayList<>();
    where.add("(" + String.join(" OR ", alternatives) + ")");
    if (h2) {
      String key = key(exprs);
      where.add("POSITION(" + key + " IN " + self + ".p) = 0");
      exprs.add(self + ".p || " + key);
    }
    return "SELECT "
        + String.join(", ", exprs)
        + " FROM "
        + from
        + " WHERE "
        + SqlRenderer.and(where);
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  /** An unambiguous text key of a tuple: escaped fields between separators that never occur. */
  private static String key(List<String> exprs) {
    List<String> escaped = new ArrayList<>();
    for (String e : exprs) {
      escaped.add("REPLACE(REPLACE(REPLACE(" + e + ", '\\', '\\\\'), '|', '\\p'), '/', '\\s')");
    }
    return "'|' || " + String.join(" || '/' || ", escaped) + " || '|'";
  }

  private static String plainSelect(List<String> exprs, List<String> from, List<String> where) {
    StringBuilder s = new StringBuilder("SELECT ").append(String.join(", ", exprs));
    if (!from.isEmpty()) {
      s.append(" FROM ").append(String.join(", ", from));
    }
    String w = SqlRenderer.and(where);
    if (!w.equals(SqlRenderer.TRUE)) {
      s.append(" WHERE ").append(w);
    }
    return s.toString();
  }

  /**
   * Prefixes a query with the rendered fixpoints it reads, directly or through another, in
   * dependency order.
   *
   * @param ctes the rendered fixpoints by name, each stored after the ones its rendering needed
   * @param body the query
   * @return the query with its {@code WITH RECURSIVE} clause, if it reads any fixpoint
   */
  static String withReadCtes(Map<String, String> ctes, String body) {
    if (ctes.isEmpty()) {
      return body;
    }
    // only the fixpoints the body reads, directly or through another; a fixpoint is stored after
    // the ones its rendering needed, so walking backwards sees every reader before what it reads
    List<Map.Entry<String, String>> all = new ArrayList<>(ctes.entrySet());
    StringBuilder reads = new StringBuilder(body);
    Deque<String> used = new ArrayDeque<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      Map.Entry<String, String> cte = all.get(i);
      if (mentions(reads, cte.getKey())) {
        used.addFirst(cte.getValue());
        reads.append(' ').append(cte.getValue());
      }
    }
    if (used.isEmpty()) {
      return body;
    }
    return "WITH RECURSIVE " + String.join(", ", used) + " " + body;
  }

  private static boolean mentions(CharSequence text, String name) {
    String s = text.toString();
    for (int i = s.indexOf(name); i >= 0; i = s.indexOf(name, i + 1)) {
      int end = i + name.length();
      if ((i == 0 || !isWordChar(s.charAt(i - 1)))
          && (end == s.length() || !isWordChar(s.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
