package dev.osoj.sql;

import dev.osoj.EvaluationException;
import dev.osoj.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders plans as SQL text for one dialect. Values become bound parameters, or, for the
 * Oso-compatible local methods only, literals written by {@link SqlLiterals}. Conjunctive parts
 * (scans, filters, joins, projections) are flattened into one {@code SELECT} each; unions become
 * derived tables, fixpoints {@code WITH RECURSIVE} common table expressions, anti-joins {@code NOT
 * EXISTS}. Simple binding queries are inlined (see {@link LocalBindings}); a binding column gets an
 * {@code IS NOT NULL} test only when no equality already rejects null; a parameter compared with a
 * column is not cast (except to UUID), the database infers its type.
 *
 * <p>A filter ({@link #filter}) is one {@code IN}, {@code EXISTS} or row condition per distinct
 * branch; branches that differ only in the constant of one equality are merged into one with {@code
 * IN (…)} of the constants (see {@code BranchMerge}). On H2 a sub-query testing several conditions
 * is read through a derived table (see {@code FilterParts}).
 *
 * <p>On H2, whose recursive queries do not remove duplicates, a recursive relation carries the path
 * of tuples that produced each row and refuses to revisit a tuple, which keeps cyclic data finite
 * (at the cost of enumerating simple paths: dense cyclic graphs are slow on H2).
 *
 * <p>One instance renders one statement; it is not thread-safe. Integrations that need SQL text
 * rather than their own rendering (a Hibernate filter condition, a jOOQ plain-SQL condition) can
 * use it directly.
 */
public final class SqlRenderer {
  static final String TRUE = "1=1";
  static final String FALSE = "1=0";
  private static final char MARK_START = '\u0001';
  private static final char MARK_END = '\u0002';

  /** Brackets every private alias in the text until {@link #finish}, so it can be found exactly. */
  static final char ALIAS_START = '\u0003';

  static final char ALIAS_END = '\u0004';
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final SqlDialect dialect;
  private final boolean inline;
  private final List<Object> params = new ArrayList<>();
  private final Map<String, String> ctes = new LinkedHashMap<>();
  private final Map<String, String> recursiveAliases = new LinkedHashMap<>();
  private int aliasCounter;

  /** Equalities (by identity) of the branch being rendered that accept several constants. */
  private Map<Plan.Condition.Eq, List<Value>> inLists = Map.of();

  private SqlRenderer(SqlDialect dialect, boolean inline) {
    this.dialect = dialect;
    this.inline = inline;
  }

  /**
   * Returns a renderer that binds values as parameters.
   *
   * @param dialect the dialect
   * @return a fresh renderer, for one statement
   */
  public static SqlRenderer bound(SqlDialect dialect) {
    return new SqlRenderer(dialect, false);
  }

  /**
   * Returns a renderer that inlines values as audited literals (for the Oso-compatible local
   * methods only).
   *
   * @param dialect the dialect
   * @return a fresh renderer, for one statement
   */
  public static SqlRenderer inline(SqlDialect dialect) {
    return new SqlRenderer(dialect, true);
  }

  SqlDialect dialect() {
    return dialect;
  }

  // ---- statements ----

  /**
   * Renders a predicate restricting {@code column} to the ids of the plan's single column.
   *
   * @param plan a plan of arity 1
   * @param column the caller's column, checked with {@link SqlDialect#checkIdentifier}
   * @param columnType the SQL type of the caller's column
   * @param resourceType the type the ids must have
   * @return the predicate
   */
  public SqlFragment filter(Plan plan, String column, SqlType columnType, String resourceType) {
    SqlDialect.checkIdentifier(column);
    return filter(plan, column, null, columnType, resourceType);
  }

  /**
   * Renders a predicate restricting the rows of a table to the ids of the plan's single column; a
   * branch reading the same table keyed by its id column becomes a condition on the caller's row
   * (see {@link AuthorizedFilter#toSql(FilterTarget, SqlDialect)}).
   *
   * @param plan a plan of arity 1
   * @param target the caller's table, alias and id column (already validated)
   * @param columnType the SQL type of the id column
   * @param resourceType the type the ids must have
   * @return the predicate
   */
  public SqlFragment filter(
      Plan plan, FilterTarget target, SqlType columnType, String resourceType) {
    return filter(plan, target.column(), target, columnType, resourceType);
  }

  private SqlFragment filter(
      Plan plan,
      String column,
      @Nullable FilterTarget target,
      SqlType columnType,
      String resourceType) {
    FilterParts parts = new FilterParts(this);
    String caller = textOf(column, columnType);
    List<Plan> distinct = new ArrayList<>(new LinkedHashSet<>(PlanShapes.branches(plan)));
    // constant ids (a fixed list, facts held in memory) compare with the caller's own column
    List<Value> constants = PlanShapes.takeConstants(distinct);
    String constant = equalAny(SqlCol.typed(resourceType, column, columnType), constants);
    if (!FALSE.equals(constant)) {
      parts.own(constant);
    }
    for (BranchMerge.Merged merged : BranchMerge.merge(distinct)) {
      inLists = merged.values();
      Block b = block(merged.plan(), true);
      inLists = Map.of();
      if (b.never) {
        continue;
      }
      SqlCol c = b.cols.get(0);
      if (c.isAny()) {
        settle(b);
        if (b.from.isEmpty() && b.where.isEmpty()) {
          return finish(TRUE);
        }
        parts.exists("EXISTS (" + withCtes(selectOne(b)) + ")");
        continue;
      }
      b.where.add(typeIs(c, List.of(resourceType)));
      // a null id never matches the caller's column, and the caller's id is its key (not null)
      b.nonNull.add(c.idSql());
      settle(b);
      if (isFalse(b.where)) {
        continue;
      }
      String own =
          target == null || c.idType() != columnType
              ? null
              : CallerRow.condition(this, b, c, target);
      if (own != null) {
        parts.own(own);
      } else if (c.idType() == columnType) {
        parts.in(column, select(b, List.of(c.idSql()), false));
      } else {
        parts.in(caller, select(b, List.of(textId(c)), false));
      }
    }
    return finish(parts.assemble());
  }

  /**
   * Renders a query returning the plan's tuples: per column {@code i} a text type column {@code
   * t<i>} and a text id column {@code v<i>}, both null for a wildcard; for arity 0, a column {@code
   * one} with one row when the plan holds.
   *
   * @param plan the plan
   * @return the query
   */
  public SqlFragment rows(Plan plan) {
    return finish(withCtes(rowsBody(plan, null)));
  }

  /**
   * Renders a query returning the plan's tuples with one text column per plan column, named as
   * given (wildcards as null).
   *
   * @param plan the plan
   * @param names the output column names, one per plan column (already checked)
   * @return the query
   */
  public SqlFragment namedRows(Plan plan, List<String> names) {
    names.forEach(SqlDialect::checkSimpleIdentifier);
    return finish(withCtes(rowsBody(plan, names)));
  }

  /**
   * Renders a query returning one row with one boolean column: whether the plan has a tuple.
   *
   * @param plan the plan
   * @param name the column name (already checked)
   * @return the query
   */
  public SqlFragment exists(Plan plan, String name) {
    SqlDialect.checkSimpleIdentifier(name);
    List<String> parts = new ArrayList<>();
    // merged as in filters: "some row with role = a" or "some row with role = b" is "some row with
    // role IN (a, b)", one index probe instead of two
    List<Plan> distinct = new ArrayList<>(new LinkedHashSet<>(PlanShapes.branches(plan)));
    for (BranchMerge.Merged merged : BranchMerge.merge(distinct)) {
      inLists = merged.values();
      Block b = block(merged.plan(), true);
      inLists = Map.of();
      if (b.never) {
        continue;
      }
      if (b.from.isEmpty() && b.where.isEmpty()) {
        parts.clear();
        parts.add(TRUE);
        break;
      }
      parts.add("EXISTS (" + withCtes(selectOne(b)) + ")");
    }
    String test = parts.isEmpty() ? FALSE : String.join(" OR ", parts);
    return finish("SELECT CASE WHEN " + test + " THEN TRUE ELSE FALSE END AS " + name);
  }

  private String rowsBody(Plan plan, @Nullable List<String> names) {
    List<String> selects = new ArrayList<>();
    for (Plan branch : PlanShapes.branches(plan)) {
      Block b = block(branch, true);
      if (b.never) {
        continue;
      }
      List<String> exprs = new ArrayList<>();
      for (int i = 0; i < b.cols.size(); i++) {
        SqlCol c = b.cols.get(i);
        String t = c.isAny() ? nullText() : typeExpr(c);
        String v = c.isAny() ? nullText() : textId(c);
        if (names == null) {
          exprs.add(t + " AS t" + i);
          exprs.add(v + " AS v" + i);
        } else {
          exprs.add(v + " AS " + names.get(i));
        }
      }
      if (exprs.isEmpty()) {
        exprs.add("1 AS one");
      }
      selects.add(select(b, exprs, true));
    }
    if (selects.size() > 1) {
      // UNION removes duplicates by itself
      selects.replaceAll(x -> x.replaceFirst("^SELECT DISTINCT ", "SELECT "));
    }
    if (selects.isEmpty()) {
      List<String> exprs = new ArrayList<>();
      for (int i = 0; i < plan.arity(); i++) {
        exprs.add(names == null ? nullText() + " AS t" + i : nullText() + " AS " + names.get(i));
        if (names == null) {
          exprs.add(nullText() + " AS v" + i);
        }
      }
      if (exprs.isEmpty()) {
        exprs.add("1 AS one");
      }
      return "SELECT " + String.join(", ", exprs) + " WHERE " + FALSE;
    }
    return String.join(" UNION ", selects);
  }

  String withCtes(String body) {
    return SqlFixpoint.withReadCtes(ctes, body);
  }

  // ---- blocks ----

  /** A flat {@code FROM … WHERE …} with the expressions of each column. */
  static final class Block {
    final List<String> from = new ArrayList<>();
    final List<String> where = new ArrayList<>();

    /** Column expressions that must not be null (binding columns), until {@link #settle}. */
    final List<String> notNull = new ArrayList<>();

    /** Column expressions a top-level equality already keeps from being null. */
    final Set<String> nonNull = new HashSet<>();

    /** Inlined binding queries: {alias, table, FROM item}. */
    final List<String[]> inlined = new ArrayList<>();

    List<SqlCol> cols = new ArrayList<>();
    boolean never;

    void addAll(Block other) {
      from.addAll(other.from);
      where.addAll(other.where);
      notNull.addAll(other.notNull);
      nonNull.addAll(other.nonNull);
      inlined.addAll(other.inlined);
      never |= other.never;
    }
  }

  /**
   * Adds the pending {@code IS NOT NULL} tests of a block's columns to its conditions, leaving out
   * those an equality already implies. Call once the block's conditions are complete.
   */
  static void settle(Block b) {
    for (String c : b.notNull) {
      if (!b.nonNull.contains(c)) {
        b.where.add(c + " IS NOT NULL");
      }
    }
    b.notNull.clear();
  }

  Block block(Plan plan, boolean allowAny) {
    Block b = blockOf(plan);
    if (!allowAny && b.cols.stream().anyMatch(SqlCol::isAny)) {
      throw new EvaluationException(
          "an unbounded (wildcard) answer cannot be joined or combined inside a SQL plan");
    }
    if (isFalse(b.where)) {
      b.never = true;
    }
    return b;
  }

  private Block blockOf(Plan plan) {
    if (plan instanceof Plan.Scan) {
      return scan(((Plan.Scan) plan).source());
    }
    if (plan instanceof Plan.Values) {
      return values((Plan.Values) plan);
    }
    if (plan instanceof Plan.Filter) {
      Plan.Filter f = (Plan.Filter) plan;
      Block b = block(f.input(), false);
      b.where.addAll(conjuncts(b.cols, f.condition()));
      rejectNulls(b, b.cols, f.condition());
      return b;
    }
    if (plan instanceof Plan.Project) {
      return project((Plan.Project) plan);
    }
    if (plan instanceof Plan.Join) {
      return join((Plan.Join) plan);
    }
    if (plan instanceof Plan.Union) {
      return union((Plan.Union) plan);
    }
    if (plan instanceof Plan.AntiJoin) {
      return antiJoin((Plan.AntiJoin) plan);
    }
    if (plan instanceof Plan.Fixpoint) {
      Plan.Fixpoint f = (Plan.Fixpoint) plan;
      if (!ctes.containsKey(f.name())) {
        ctes.put(f.name(), new SqlFixpoint(this, f).render());
      }
      return relationRef(f.name(), f.arity(), newAlias("a"));
    }
    if (plan instanceof Plan.RecursiveRef) {
      Plan.RecursiveRef r = (Plan.RecursiveRef) plan;
      String alias = recursiveAliases.get(r.name());
      if (alias == null) {
        throw new IllegalArgumentException(
            "recursive reference '" + r.name() + "' outside its fixpoint");
      }
      return relationRef(r.name(), r.arity(), alias);
    }
    if (plan instanceof Plan.Constant) {
      Block b = new Block();
      b.never = !((Plan.Constant) plan).value();
      if (b.never) {
        b.where.add(FALSE);
      }
      return b;
    }
    throw new AssertionError(plan);
  }

  void enterRecursion(String name, String alias) {
    recursiveAliases.put(name, alias);
  }

  void leaveRecursion(String name) {
    recursiveAliases.remove(name);
  }

  String newAlias(String prefix) {
    return ALIAS_START + prefix + (aliasCounter++) + ALIAS_END;
  }

  private Block relationRef(String name, int arity, String alias) {
    Block b = new Block();
    b.from.add(name + " " + alias);
    for (int i = 0; i < arity; i++) {
      b.cols.add(SqlCol.dynamic(alias + ".t" + i, alias + ".v" + i));
    }
    return b;
  }

  private Block scan(FactSource source) {
    Block b = new Block();
    if (source instanceof FactSource.FactTable) {
      FactSource.FactTable t = (FactSource.FactTable) source;
      String a = newAlias("f");
      b.from.add(t.table() + " " + a);
      b.where.add(a + ".predicate = " + bare(t.predicate()));
      b.where.add(a + ".arity = " + bare(t.arity()));
      for (int i = 0; i < t.arity(); i++) {
        b.cols.add(SqlCol.dynamic(a + ".t" + i, a + ".v" + i));
      }
      return b;
    }
    if (source instanceof FactSource.Binding) {
      FactSource.Binding s = (FactSource.Binding) source;
      String a = newAlias("b");
      List<String> names = bindingColumns(b, s, a);
      int k = 0;
      for (FactSource.BindingArg arg : s.args()) {
        if (arg.constant() != null) {
          b.cols.add(constant(arg.constant()));
        } else {
          String col = a + "." + names.get(k++);
          b.notNull.add(col);
          b.cols.add(SqlCol.typed(arg.type(), col, arg.sqlType()));
        }
      }
      return b;
    }
    throw new AssertionError(source);
  }

  /**
   * Adds a binding's query to the block's FROM: inlined as {@code table alias} (plus its condition)
   * when {@link SimpleQuery} recognizes it, else as a derived table with columns {@code c0, c1, …}.
   *
   * @return the names of the query's columns under the alias
   */
  private List<String> bindingColumns(Block b, FactSource.Binding s, String alias) {
    SimpleQuery q = SimpleQuery.of(s.query());
    if (q != null && q.columns().size() == s.columnCount()) {
      String table = q.table(dialect);
      String item = table + " " + alias;
      b.from.add(item);
      b.inlined.add(new String[] {alias, table, item});
      String cond = q.conditionSql(alias);
      if (cond != null) {
        b.where.add(cond);
      }
      return q.columns(dialect);
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < s.columnCount(); i++) {
      names.add("c" + i);
    }
    b.from.add("(" + s.query() + ") " + alias + "(" + String.join(", ", names) + ")");
    return names;
  }

  private Block values(Plan.Values v) {
    Block b = new Block();
    if (v.rows().isEmpty()) {
      b.never = true;
      b.where.add(FALSE);
      for (int i = 0; i < v.arity(); i++) {
        b.cols.add(SqlCol.dynamic(nullText(), nullText()));
      }
      return b;
    }
    if (v.arity() == 0) {
      return b;
    }
    if (v.rows().size() == 1) {
      for (Value value : v.rows().get(0)) {
        b.cols.add(constant(value));
      }
      return b;
    }
    String a = newAlias("v");
    List<String> rows = new ArrayList<>();
    for (List<Value> row : v.rows()) {
      List<String> cells = new ArrayList<>();
      for (Value value : row) {
        cells.add(param(value.type(), SqlType.TEXT));
        cells.add(param(value.id(), SqlType.TEXT));
      }
      rows.add("(" + String.join(", ", cells) + ")");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < v.arity(); i++) {
      names.add("t" + i);
      names.add("v" + i);
      b.cols.add(SqlCol.dynamic(a + ".t" + i, a + ".v" + i));
    }
    b.from.add(
        "(VALUES " + String.join(", ", rows) + ") " + a + "(" + String.join(", ", names) + ")");
    return b;
  }

  private Block project(Plan.Project p) {
    Block b = block(p.input(), false);
    List<SqlCol> out = new ArrayList<>();
    for (Plan.Expr e : p.outputs()) {
      out.add(e instanceof Plan.Expr.Any ? SqlCol.any(((Plan.Expr.Any) e).type()) : col(b.cols, e));
    }
    b.cols = out;
    return b;
  }

  private Block join(Plan.Join j) {
    Block l = block(j.left(), false);
    Block r = block(j.right(), false);
    l.addAll(r);
    List<SqlCol> cols = new ArrayList<>(l.cols);
    cols.addAll(r.cols);
    l.cols = cols;
    l.where.addAll(conjuncts(cols, j.on()));
    rejectNulls(l, cols, j.on());
    return l;
  }

  private Block antiJoin(Plan.AntiJoin j) {
    Block l = block(j.left(), false);
    Block r = block(j.right(), false);
    if (r.never) {
      return l;
    }
    settle(r);
    List<SqlCol> cols = new ArrayList<>(l.cols);
    cols.addAll(r.cols);
    List<String> conds = new ArrayList<>(r.where);
    conds.add(condition(cols, j.on()));
    String inner = and(conds);
    if (inner.equals(FALSE)) {
      return l;
    }
    if (r.from.isEmpty()) {
      l.where.add(inner.equals(TRUE) ? FALSE : "NOT (" + inner + ")");
    } else {
      l.where.add(
          "NOT EXISTS (SELECT 1 FROM " + String.join(", ", r.from) + " WHERE " + inner + ")");
    }
    return l;
  }

  private Block union(Plan.Union u) {
    List<Block> blocks = new ArrayList<>();
    for (Plan p : PlanShapes.branches(u)) {
      Block b = block(p, false);
      if (!b.never) {
        blocks.add(b);
      }
    }
    if (blocks.isEmpty()) {
      return values(new Plan.Values(u.arity(), List.of()));
    }
    if (blocks.size() == 1) {
      return blocks.get(0);
    }
    String a = newAlias("u");
    List<SqlCol> cols = new ArrayList<>();
    List<String> selects = new ArrayList<>();
    for (int i = 0; i < u.arity(); i++) {
      cols.add(unifiedColumn(blocks, i, a));
    }
    for (Block b : blocks) {
      List<String> exprs = new ArrayList<>();
      for (int i = 0; i < cols.size(); i++) {
        SqlCol target = cols.get(i);
        SqlCol c = b.cols.get(i);
        if (target.typeSql() != null) {
          exprs.add(typeExpr(c) + " AS t" + i);
        }
        exprs.add((target.idType() == c.idType() ? c.idSql() : textId(c)) + " AS v" + i);
      }
      if (exprs.isEmpty()) {
        exprs.add("1 AS one");
      }
      selects.add(select(b, exprs, false));
    }
    Block out = new Block();
    out.from.add("(" + String.join(" UNION ", selects) + ") " + a);
    out.cols = cols;
    return out;
  }

  private SqlCol unifiedColumn(List<Block> blocks, int i, String alias) {
    String staticType = blocks.get(0).cols.get(i).staticType();
    SqlType idType = blocks.get(0).cols.get(i).idType();
    for (Block b : blocks) {
      SqlCol c = b.cols.get(i);
      if (staticType != null && !staticType.equals(c.staticType())) {
        staticType = null;
      }
      if (c.idType() != idType) {
        idType = SqlType.TEXT;
      }
    }
    String id = alias + ".v" + i;
    return staticType != null
        ? SqlCol.typed(staticType, id, idType)
        : new SqlCol(null, null, alias + ".t" + i, id, idType, null);
  }

  String select(Block b, List<String> exprs, boolean distinct) {
    settle(b);
    StringBuilder s =
        new StringBuilder(distinct ? "SELECT DISTINCT " : "SELECT ")
            .append(String.join(", ", exprs));
    if (!b.from.isEmpty()) {
      s.append(" FROM ").append(String.join(", ", b.from));
    }
    String w = and(b.where);
    if (!w.equals(TRUE)) {
      s.append(" WHERE ").append(w);
    }
    return s.toString();
  }

  private String selectOne(Block b) {
    settle(b);
    StringBuilder s = new StringBuilder("SELECT 1");
    if (!b.from.isEmpty()) {
      s.append(" FROM ").append(String.join(", ", b.from));
    }
    String w = and(b.where);
    if (!w.equals(TRUE)) {
      s.append(" WHERE ").append(w);
    }
    return s.toString();
  }

  // ---- conditions ----

  /** Renders a condition as its top-level conjuncts. */
  private List<String> conjuncts(List<SqlCol> cols, Plan.Condition c) {
    List<String> out = new ArrayList<>();
    if (c instanceof Plan.Condition.And) {
      for (Plan.Condition x : ((Plan.Condition.And) c).conditions()) {
        out.addAll(conjuncts(cols, x));
      }
    } else {
      out.add(condition(cols, c));
    }
    return out;
  }

  /** Records the columns a top-level equality compares: they cannot be null in a result row. */
  private static void rejectNulls(Block b, List<SqlCol> cols, Plan.Condition c) {
    if (c instanceof Plan.Condition.And) {
      for (Plan.Condition x : ((Plan.Condition.And) c).conditions()) {
        rejectNulls(b, cols, x);
      }
    } else if (c instanceof Plan.Condition.Eq) {
      Plan.Condition.Eq e = (Plan.Condition.Eq) c;
      for (Plan.Expr x : List.of(e.left(), e.right())) {
        if (x instanceof Plan.Expr.Column && ((Plan.Expr.Column) x).index() < cols.size()) {
          SqlCol col = cols.get(((Plan.Expr.Column) x).index());
          if (!col.isAny() && col.constant() == null && col.idType() != SqlType.BOOLEAN) {
            b.nonNull.add(col.idSql());
          }
        }
      }
    }
  }

  String condition(List<SqlCol> cols, Plan.Condition c) {
    if (c instanceof Plan.Condition.And) {
      List<String> parts = new ArrayList<>();
      for (Plan.Condition x : ((Plan.Condition.And) c).conditions()) {
        parts.add(condition(cols, x));
      }
      return and(parts);
    }
    if (c instanceof Plan.Condition.Eq) {
      Plan.Condition.Eq e = (Plan.Condition.Eq) c;
      List<Value> values = inLists.get(e);
      if (values != null) {
        return equalAny(
            col(cols, e.left() instanceof Plan.Expr.Const ? e.right() : e.left()), values);
      }
      return equal(col(cols, e.left()), col(cols, e.right()));
    }
    if (c instanceof Plan.Condition.TypeIn) {
      Plan.Condition.TypeIn t = (Plan.Condition.TypeIn) c;
      return typeIs(col(cols, t.expr()), t.types());
    }
    if (c instanceof Plan.Condition.Compare) {
      Plan.Condition.Compare k = (Plan.Condition.Compare) c;
      return compare(k.op(), col(cols, k.left()), col(cols, k.right()));
    }
    throw new AssertionError(c);
  }

  private SqlCol col(List<SqlCol> cols, Plan.Expr e) {
    if (e instanceof Plan.Expr.Column) {
      int i = ((Plan.Expr.Column) e).index();
      if (i >= cols.size()) {
        throw new IllegalArgumentException("column " + i + " out of range (" + cols.size() + ")");
      }
      SqlCol c = cols.get(i);
      if (c.isAny()) {
        throw new EvaluationException("an unbounded (wildcard) value cannot be compared in SQL");
      }
      return c;
    }
    if (e instanceof Plan.Expr.Const) {
      return constant(((Plan.Expr.Const) e).value());
    }
    if (e instanceof Plan.Expr.Any) {
      throw new EvaluationException("an unbounded (wildcard) value cannot be compared in SQL");
    }
    throw new AssertionError(e);
  }

  SqlCol constant(Value v) {
    return new SqlCol(v, v.type(), null, param(v.id(), SqlType.TEXT), SqlType.TEXT, null);
  }

  String equal(SqlCol a, SqlCol b) {
    if (a.constant() != null && b.constant() != null) {
      return a.constant().equals(b.constant()) ? TRUE : FALSE;
    }
    return and(List.of(sameType(a, b), sameId(a, b)));
  }

  /** The column equals one of several constants. */
  private String equalAny(SqlCol c, List<Value> values) {
    if (c.constant() != null) {
      return values.contains(c.constant()) ? TRUE : FALSE;
    }
    if (c.staticType() == null) {
      List<String> each = new ArrayList<>();
      for (Value v : values) {
        each.add(equal(c, constant(v)));
      }
      each.removeIf(FALSE::equals);
      return each.isEmpty()
          ? FALSE
          : each.size() == 1 ? each.get(0) : "(" + String.join(" OR ", each) + ")";
    }
    List<String> ps = new ArrayList<>();
    for (Value v : values) {
      Object coerced = v.type().equals(c.staticType()) ? coerce(v.id(), c.idType()) : null;
      if (coerced != null) {
        // a UUID is bound as text: the cast tells PostgreSQL what to compare
        ps.add(c.idType() == SqlType.UUID ? param(coerced, SqlType.UUID) : bare(coerced));
      }
    }
    if (ps.isEmpty()) {
      return FALSE;
    }
    return c.idSql() + (ps.size() == 1 ? " = " + ps.get(0) : " IN (" + String.join(", ", ps) + ")");
  }

  private String sameType(SqlCol a, SqlCol b) {
    if (a.staticType() != null && b.staticType() != null) {
      return a.staticType().equals(b.staticType()) ? TRUE : FALSE;
    }
    return typeExpr(a) + " = " + typeExpr(b);
  }

  private String sameId(SqlCol a, SqlCol b) {
    if (b.constant() != null) {
      return idEqualsConstant(a, b.constant());
    }
    if (a.constant() != null) {
      return idEqualsConstant(b, a.constant());
    }
    if (a.idType() == b.idType()) {
      return a.idSql() + " = " + b.idSql();
    }
    return textId(a) + " = " + textId(b);
  }

  private String idEqualsConstant(SqlCol c, Value v) {
    Object coerced = coerce(v.id(), c.idType());
    if (coerced == null) {
      return FALSE;
    }
    if (c.idType() == SqlType.UUID) {
      // a UUID is bound as text: the cast tells PostgreSQL what to compare
      return c.idSql() + " = " + param(coerced, c.idType());
    }
    return c.idSql() + " = " + bare(coerced);
  }

  String typeIs(SqlCol c, List<String> types) {
    if (c.staticType() != null) {
      return types.contains(c.staticType()) ? TRUE : FALSE;
    }
    if (types.isEmpty()) {
      return FALSE;
    }
    if (types.size() == 1) {
      return c.typeSql() + " = " + bare(types.get(0));
    }
    List<String> ps = new ArrayList<>();
    for (String t : types) {
      ps.add(bare(t));
    }
    return c.typeSql() + " IN (" + String.join(", ", ps) + ")";
  }

  private String compare(Plan.Condition.Op op, SqlCol a, SqlCol b) {
    if (op == Plan.Condition.Op.NE) {
      String eq = equal(a, b);
      return eq.equals(TRUE) ? FALSE : eq.equals(FALSE) ? TRUE : "NOT (" + eq + ")";
    }
    String x = integer(a);
    String y = integer(b);
    if (x == null || y == null) {
      return FALSE;
    }
    String symbol;
    switch (op) {
      case LT:
        symbol = " < ";
        break;
      case LE:
        symbol = " <= ";
        break;
      case GT:
        symbol = " > ";
        break;
      case GE:
        symbol = " >= ";
        break;
      default:
        throw new AssertionError(op);
    }
    return x + symbol + y;
  }

  /** The integer expression of a column, or null if it never holds an Integer. */
  private String integer(SqlCol c) {
    if (c.constant() != null) {
      return c.constant().type().equals(Value.INTEGER)
          ? param(c.constant().asLong(), SqlType.BIGINT)
          : null;
    }
    if (c.staticType() != null && !c.staticType().equals(Value.INTEGER)) {
      return null;
    }
    if (c.idType() == SqlType.INTEGER || c.idType() == SqlType.BIGINT) {
      return c.idSql();
    }
    String guard =
        c.staticType() != null ? TRUE : c.typeSql() + " = " + param(Value.INTEGER, SqlType.TEXT);
    return "CAST(CASE WHEN " + guard + " THEN " + c.idSql() + " END AS BIGINT)";
  }

  static String and(List<String> parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (p.equals(FALSE)) {
        return FALSE;
      }
      if (!p.equals(TRUE) && !kept.contains(p)) {
        kept.add(p);
      }
    }
    if (kept.isEmpty()) {
      return TRUE;
    }
    return kept.size() == 1 ? kept.get(0) : "(" + String.join(" AND ", kept) + ")";
  }

  private static boolean isFalse(List<String> where) {
    return where.contains(FALSE);
  }

  // ---- expressions ----

  String typeExpr(SqlCol c) {
    return c.typeSql() != null ? c.typeSql() : param(c.staticType(), SqlType.TEXT);
  }

  String textId(SqlCol c) {
    return textOf(c.idSql(), c.idType());
  }

  private String textOf(String sql, SqlType type) {
    switch (type) {
      case TEXT:
        return sql;
      case BOOLEAN:
        return "CASE WHEN " + sql + " THEN 'true' ELSE 'false' END";
      default:
        return "CAST(" + sql + " AS " + dialect.textType() + ")";
    }
  }

  String nullText() {
    return "CAST(NULL AS " + dialect.textType() + ")";
  }

  /** Converts a text id to a value of a column type, or null if no value of that type has it. */
  static Object coerce(String id, SqlType type) {
    switch (type) {
      case TEXT:
        return id;
      case INTEGER:
      case BIGINT:
        try {
          long n = Long.parseLong(id);
          if (!Long.toString(n).equals(id)) {
            return null;
          }
          if (type == SqlType.INTEGER) {
            return n < Integer.MIN_VALUE || n > Integer.MAX_VALUE ? null : (Object) (int) n;
          }
          return n;
        } catch (NumberFormatException e) {
          return null;
        }
      case UUID:
        return UUID_TEXT.matcher(id).matches() ? id : null;
      case BOOLEAN:
        return id.equals("true") ? Boolean.TRUE : id.equals("false") ? Boolean.FALSE : null;
      default:
        throw new AssertionError(type);
    }
  }

  /** Adds a parameter and returns its placeholder, cast to the SQL type. */
  String param(Object value, SqlType type) {
    params.add(value);
    return "CAST("
        + MARK_START
        + (params.size() - 1)
        + MARK_END
        + " AS "
        + dialect.typeName(type)
        + ")";
  }

  /**
   * Adds a parameter and returns its placeholder without a cast: only where the database infers its
   * type from the other side of a comparison with a column.
   */
  private String bare(Object value) {
    params.add(value);
    return MARK_START + Integer.toString(params.size() - 1) + MARK_END;
  }

  /** Replaces the placeholders in text order, binding or inlining their values. */
  SqlFragment finish(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<Object> ordered = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == ALIAS_START || ch == ALIAS_END) {
        i++;
        continue;
      }
      if (ch != MARK_START) {
        out.append(ch);
        i++;
        continue;
      }
      int end = text.indexOf(MARK_END, i);
      Object value = params.get(Integer.parseInt(text.substring(i + 1, end)));
      if (inline) {
        out.append(SqlLiterals.literal(value, dialect));
      } else {
        out.append('?');
        ordered.add(value);
      }
      i = end + 1;
    }
    return new SqlFragment(out.toString(), ordered);
  }
}
