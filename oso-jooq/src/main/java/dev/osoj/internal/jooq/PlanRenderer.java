package dev.osoj.internal.jooq;

import dev.osoj.EvaluationException;
import dev.osoj.Value;
import dev.osoj.sql.FactSource;
import dev.osoj.sql.Plan;
import dev.osoj.sql.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.RowN;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link Plan} as jOOQ query parts: every value is a bind value and every identifier a
 * jOOQ {@link Name}, so jOOQ renders the dialect and binds the values. The only text passed through
 * is the {@code SELECT} of a hand-written local binding, which is trusted configuration.
 *
 * <p>One instance renders one plan (it numbers private aliases); it is not thread-safe.
 */
public final class PlanRenderer {
  private static final String ALIAS_PREFIX = "oso_";

  private static final String PATH_COLUMN = "p";

  private final Map<String, Select<?>> derivedBindings;
  private final boolean cycleGuard;
  private final Map<String, Recursion> recursions = new HashMap<>();
  private final Map<String, CommonTableExpression<Record>> ctes = new LinkedHashMap<>();
  private int aliases;

  /**
   * Creates a renderer.
   *
   * @param derivedBindings jOOQ selects to use instead of the text of a binding's query, keyed by
   *     that text (bindings derived from jOOQ table metadata)
   * @param cycleGuard whether recursive relations carry the path of tuples that produced each tuple
   *     and refuse to revisit one: needed on H2, whose {@code WITH RECURSIVE ... UNION} does not
   *     terminate on cyclic data
   */
  public PlanRenderer(Map<String, Select<?>> derivedBindings, boolean cycleGuard) {
    this.derivedBindings = Map.copyOf(derivedBindings);
    this.cycleGuard = cycleGuard;
  }

  /** A recursive relation being rendered: its CTE name, self alias and references made. */
  private static final class Recursion {
    final String cte;
    final int arity;
    final Table<?> self;
    final String selfAlias;
    int references;

    Recursion(String cte, int arity, String selfAlias) {
      this.cte = cte;
      this.arity = arity;
      this.selfAlias = selfAlias;
      this.self = DSL.table(DSL.name(cte)).as(selfAlias);
    }
  }

  /**
   * Renders a plan of arity 1 as a condition restricting a column to the ids it yields for one
   * resource type.
   *
   * @param plan the plan
   * @param column the caller's id column
   * @param resourceType the resource type
   * @return the condition
   */
  public Condition filter(Plan plan, Field<?> column, String resourceType) {
    // One IN per distinct branch rather than one IN over a UNION, as SqlRenderer does: the
    // database can test each branch as a hashed semi-join while it walks the caller's ORDER BY
    // index, and stop at its LIMIT.
    List<Condition> parts = new ArrayList<>();
    // constant ids (a fixed list, facts held in memory): one IN list on the caller's column
    List<Field<?>> constants = new ArrayList<>();
    for (Plan branch : new LinkedHashSet<>(branches(plan))) {
      if (branch instanceof Plan.Values && branch.arity() == 1) {
        constants(column, (Plan.Values) branch, resourceType, constants);
        continue;
      }
      Plan.Expr.Any any = topAny(branch);
      if (any != null) {
        if (any.type().equals(resourceType)) {
          return DSL.trueCondition();
        }
        continue;
      }
      Block block = render(branch);
      if (block.empty()) {
        continue;
      }
      Term out = block.outputs().get(0);
      if (out.staticType() != null && !out.staticType().equals(resourceType)) {
        continue;
      }
      if (out.typeField() != null) {
        block = block.withCondition(out.typeField().eq(DSL.val(resourceType, SQLDataType.VARCHAR)));
      }
      parts.add(in(column, out, block));
    }
    if (!constants.isEmpty()) {
      @SuppressWarnings("unchecked")
      Field<Object> target = (Field<Object>) column;
      parts.add(0, target.in(constants.toArray(new Field<?>[0])));
    }
    return parts.isEmpty() ? DSL.falseCondition() : DSL.or(parts);
  }

  /** Adds the ids of a constant branch, bound as the column's type; other ids cannot match. */
  private static void constants(
      Field<?> column, Plan.Values branch, String resourceType, List<Field<?>> out) {
    SqlType columnType = Types.sqlTypeOf(column.getDataType());
    for (List<Value> row : branch.rows()) {
      Value v = row.get(0);
      Field<?> bound = v.type().equals(resourceType) ? Types.bind(columnType, v.id()) : null;
      if (bound != null) {
        out.add(bound);
      }
    }
  }

  private static Plan.Expr.@Nullable Any topAny(Plan branch) {
    if (branch instanceof Plan.Project) {
      Plan.Expr e = ((Plan.Project) branch).outputs().get(0);
      if (e instanceof Plan.Expr.Any) {
        return (Plan.Expr.Any) e;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private Condition in(Field<?> column, Term out, Block block) {
    SqlType columnType = Types.sqlTypeOf(column.getDataType());
    Field<Object> target = (Field<Object>) column;
    Field<Object> value;
    if (out.constantId() != null) {
      Field<?> bound = Types.bind(columnType, out.constantId());
      if (bound == null) {
        return DSL.falseCondition();
      }
      value = (Field<Object>) bound;
    } else if (Types.comparable(columnType, out.sqlType())) {
      value = (Field<Object>) out.idField();
    } else {
      target = (Field<Object>) (Field<?>) column.cast(SQLDataType.VARCHAR);
      value = (Field<Object>) (Field<?>) out.idAsText();
    }
    if (ctes.isEmpty()) {
      return target.in(DSL.select(value).from(block.from()).where(block.where()));
    }
    return target.in(
        DSL.withRecursive(ctes.values().toArray(new CommonTableExpression<?>[0]))
            .select(value)
            .from(block.from())
            .where(block.where()));
  }

  /**
   * Renders a plan as a block.
   *
   * @param plan the plan
   * @return the block
   */
  Block render(Plan plan) {
    if (plan instanceof Plan.Scan) {
      return scan(((Plan.Scan) plan).source());
    } else if (plan instanceof Plan.Values) {
      return values((Plan.Values) plan);
    } else if (plan instanceof Plan.Filter) {
      Plan.Filter f = (Plan.Filter) plan;
      Block in = render(f.input());
      return in.withCondition(Conditions.of(f.condition(), in.outputs()));
    } else if (plan instanceof Plan.Project) {
      return project((Plan.Project) plan);
    } else if (plan instanceof Plan.Join) {
      return join((Plan.Join) plan);
    } else if (plan instanceof Plan.AntiJoin) {
      return antiJoin((Plan.AntiJoin) plan);
    } else if (plan instanceof Plan.Union) {
      return union((Plan.Union) plan);
    } else if (plan instanceof Plan.Fixpoint) {
      return fixpoint((Plan.Fixpoint) plan);
    } else if (plan instanceof Plan.RecursiveRef) {
      return recursiveRef((Plan.RecursiveRef) plan);
    } else if (plan instanceof Plan.Constant) {
      return ((Plan.Constant) plan).value() ? Block.unit() : Block.nothing(0);
    }
    throw new AssertionError("unknown plan node " + plan.getClass().getName());
  }

  private String alias() {
    return ALIAS_PREFIX + (++aliases);
  }

  private static Field<String> text(String table, String column) {
    return DSL.field(DSL.name(table, column), SQLDataType.VARCHAR);
  }

  /** A column of the managed fact table, whose names are unquoted (folded by the database). */
  private static Field<String> factColumn(String table, String column) {
    return DSL.field(
        DSL.name(DSL.quotedName(table), DSL.unquotedName(column)), SQLDataType.VARCHAR);
  }

  private static Field<?> typed(String table, String column, SqlType type) {
    return DSL.field(DSL.name(table, column), Types.dataType(type));
  }

  private Block scan(FactSource source) {
    if (source instanceof FactSource.FactTable) {
      return factTable((FactSource.FactTable) source);
    } else if (source instanceof FactSource.Binding) {
      return binding((FactSource.Binding) source);
    }
    throw new AssertionError("unknown fact source " + source.getClass().getName());
  }

  private Block factTable(FactSource.FactTable source) {
    String alias = alias();
    Table<?> table = DSL.table(Names.qualified(source.table())).as(alias);
    List<Term> outputs = new ArrayList<>();
    for (int i = 0; i < source.arity(); i++) {
      outputs.add(
          Term.column(
              null,
              factColumn(alias, FactTables.typeColumn(i)),
              factColumn(alias, FactTables.idColumn(i)),
              SqlType.TEXT));
    }
    List<Condition> where = new ArrayList<>();
    where.add(
        factColumn(alias, FactTables.PREDICATE_COLUMN)
            .eq(DSL.val(source.predicate(), SQLDataType.VARCHAR)));
    where.add(
        DSL.field(
                DSL.name(DSL.quotedName(alias), DSL.unquotedName(FactTables.ARITY_COLUMN)),
                SQLDataType.INTEGER)
            .eq(DSL.val(source.arity(), SQLDataType.INTEGER)));
    return new Block(List.of(table), where, outputs, false);
  }

  private Block binding(FactSource.Binding source) {
    String alias = alias();
    String[] columns = new String[source.columnCount()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = "c" + i;
    }
    Select<?> derived = derivedBindings.get(source.query());
    Table<?> table =
        derived != null
            ? derived.asTable(alias, columns)
            : DSL.table(DSL.sql("(" + source.query() + ")")).as(alias, columns);
    List<Term> outputs = new ArrayList<>();
    int column = 0;
    for (FactSource.BindingArg arg : source.args()) {
      Value constant = arg.constant();
      if (constant != null) {
        outputs.add(Term.constant(constant.type(), constant.id()));
      } else {
        outputs.add(
            Term.column(
                arg.type(), null, typed(alias, columns[column++], arg.sqlType()), arg.sqlType()));
      }
    }
    return new Block(List.of(table), List.of(), outputs, false);
  }

  private Block values(Plan.Values values) {
    if (values.rows().isEmpty()) {
      return Block.nothing(values.arity());
    }
    if (values.arity() == 0) {
      return Block.unit();
    }
    List<@Nullable String> staticTypes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < values.arity(); i++) {
      String type = commonType(values.rows(), i);
      staticTypes.add(type);
      if (type == null) {
        names.add("t" + i);
      }
      names.add("v" + i);
    }
    RowN[] rows = new RowN[values.rows().size()];
    for (int r = 0; r < rows.length; r++) {
      List<Field<?>> fields = new ArrayList<>();
      List<Value> row = values.rows().get(r);
      for (int i = 0; i < values.arity(); i++) {
        if (staticTypes.get(i) == null) {
          fields.add(DSL.val(row.get(i).type(), SQLDataType.VARCHAR));
        }
        fields.add(DSL.val(row.get(i).id(), SQLDataType.VARCHAR));
      }
      rows[r] = DSL.row(fields);
    }
    String alias = alias();
    Table<?> table = DSL.values(rows).as(alias, names.toArray(new String[0]));
    List<Term> outputs = new ArrayList<>();
    for (int i = 0; i < values.arity(); i++) {
      String type = staticTypes.get(i);
      outputs.add(
          Term.column(
              type,
              type == null ? text(alias, "t" + i) : null,
              text(alias, "v" + i),
              SqlType.TEXT));
    }
    return new Block(List.of(table), List.of(), outputs, false);
  }

  private static @Nullable String commonType(List<List<Value>> rows, int column) {
    String type = rows.get(0).get(column).type();
    for (List<Value> row : rows) {
      if (!row.get(column).type().equals(type)) {
        return null;
      }
    }
    return type;
  }

  private Block project(Plan.Project project) {
    Block in = render(project.input());
    List<Term> outputs = new ArrayList<>();
    for (Plan.Expr e : project.outputs()) {
      outputs.add(Conditions.term(e, in.outputs()));
    }
    return in.withOutputs(outputs);
  }

  private Block join(Plan.Join join) {
    Block left = render(join.left());
    Block right = render(join.right());
    List<Term> outputs = new ArrayList<>(left.outputs());
    outputs.addAll(right.outputs());
    if (left.empty() || right.empty()) {
      return Block.nothing(outputs.size());
    }
    List<Table<?>> from = new ArrayList<>(left.from());
    from.addAll(right.from());
    List<Condition> where = new ArrayList<>(left.where());
    where.addAll(right.where());
    where.add(Conditions.of(join.on(), outputs));
    return new Block(from, where, outputs, false);
  }

  private Block antiJoin(Plan.AntiJoin anti) {
    Block left = render(anti.left());
    Block right = render(anti.right());
    if (left.empty() || right.empty()) {
      return left;
    }
    List<Term> all = new ArrayList<>(left.outputs());
    all.addAll(right.outputs());
    List<Condition> inner = new ArrayList<>(right.where());
    inner.add(Conditions.of(anti.on(), all));
    Select<?> exists = DSL.selectOne().from(right.from()).where(inner);
    return left.withCondition(DSL.notExists(exists));
  }

  private Block union(Plan.Union union) {
    List<Block> blocks = new ArrayList<>();
    for (Plan input : union.inputs()) {
      Block b = render(input);
      if (!b.empty()) {
        blocks.add(b);
      }
    }
    if (blocks.isEmpty()) {
      return Block.nothing(union.arity());
    }
    if (blocks.size() == 1) {
      return blocks.get(0);
    }
    List<Column> schema = Column.merge(blocks, union.arity());
    Select<Record> all = materialize(blocks.get(0), schema);
    for (Block b : blocks.subList(1, blocks.size())) {
      all = all.union(materialize(b, schema));
    }
    return derived(all, schema);
  }

  private Block derived(Select<Record> select, List<Column> schema) {
    String alias = alias();
    Table<?> table = select.asTable(alias);
    List<Term> outputs = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      Column c = schema.get(i);
      outputs.add(
          Term.column(
              c.staticType(),
              c.staticType() == null ? text(alias, "t" + i) : null,
              typed(alias, "v" + i, c.sqlType()),
              c.sqlType()));
    }
    return new Block(List.of(table), List.of(), outputs, false);
  }

  /**
   * Turns a block into a {@code SELECT} whose columns follow a schema: {@code t<i>} for a type not
   * known statically, {@code v<i>} for every id.
   */
  private static Select<Record> materialize(Block block, List<Column> schema) {
    List<SelectField<?>> fields = fields(block, schema);
    if (fields.isEmpty()) {
      fields.add(DSL.inline(1).as("one"));
    }
    if (block.empty()) {
      return DSL.select(fields).where(DSL.falseCondition());
    }
    return DSL.select(fields).from(block.from()).where(block.where());
  }

  private static List<SelectField<?>> fields(Block block, List<Column> schema) {
    List<SelectField<?>> fields = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      Column c = schema.get(i);
      Term t = block.outputs().get(i);
      if (c.staticType() == null) {
        Field<String> type = block.empty() ? DSL.castNull(SQLDataType.VARCHAR) : t.typeExpression();
        fields.add((c.cast() ? type.cast(SQLDataType.VARCHAR) : type).as("t" + i));
      }
      fields.add(idAs(block, t, c).as("v" + i));
    }
    return fields;
  }

  private static Field<?> idAs(Block block, Term t, Column c) {
    if (block.empty()) {
      return DSL.castNull(Types.dataType(c.sqlType()));
    }
    if (c.sqlType().isText()) {
      return c.cast() ? t.idAsText().cast(SQLDataType.VARCHAR) : t.idAsText();
    }
    return t.idExpression();
  }

  private Block fixpoint(Plan.Fixpoint fix) {
    String cte = alias() + "_" + fix.name();
    List<Column> schema = Column.dynamic(fix.arity());
    List<Block> seeds = new ArrayList<>();
    for (Plan branch : branches(fix.seed())) {
      addLive(seeds, render(branch));
    }
    Recursion rec = new Recursion(cte, fix.arity(), alias());
    recursions.put(fix.name(), rec);
    List<Block> steps = new ArrayList<>();
    try {
      for (Plan branch : branches(fix.step())) {
        rec.references = 0;
        Block b = render(branch);
        if (rec.references > 1) {
          throw new EvaluationException(
              "recursive relation '"
                  + fix.name()
                  + "' uses itself more than once in one rule body; SQL recursion must be linear");
        }
        if (rec.references == 0) {
          addLive(seeds, b);
        } else if (!b.empty()) {
          List<Table<?>> from = new ArrayList<>(b.from());
          from.remove(rec.self);
          steps.add(new Block(from, b.where(), b.outputs(), false));
        }
      }
    } finally {
      recursions.remove(fix.name());
    }
    Select<Record> body = null;
    for (Block seed : seeds) {
      body = unionInto(body, seedSelect(seed, schema));
    }
    if (body == null) {
      body = emptySeed(schema);
    }
    if (!steps.isEmpty()) {
      body = unionInto(body, stepSelect(steps, rec, schema));
    }
    List<String> names = new ArrayList<>(List.of(Column.names(schema)));
    if (cycleGuard) {
      names.add(PATH_COLUMN);
    }
    ctes.put(cte, DSL.name(cte).fields(names.toArray(new String[0])).as(body));
    String alias = alias();
    List<Term> outputs = new ArrayList<>();
    for (int i = 0; i < fix.arity(); i++) {
      outputs.add(Term.column(null, text(alias, "t" + i), text(alias, "v" + i), SqlType.TEXT));
    }
    return new Block(List.of(DSL.table(DSL.name(cte)).as(alias)), List.of(), outputs, false);
  }

  private static List<Plan> branches(Plan plan) {
    if (!(plan instanceof Plan.Union)) {
      return List.of(plan);
    }
    List<Plan> out = new ArrayList<>();
    for (Plan p : ((Plan.Union) plan).inputs()) {
      out.addAll(branches(p));
    }
    return out;
  }

  private static void addLive(List<Block> out, Block b) {
    if (!b.empty()) {
      out.add(b);
    }
  }

  private Select<Record> unionInto(@Nullable Select<Record> body, Select<Record> next) {
    if (body == null) {
      return next;
    }
    // H2 keeps duplicates in recursive unions anyway; the path column is what stops it there
    return cycleGuard ? body.unionAll(next) : body.union(next);
  }

  private Select<Record> emptySeed(List<Column> schema) {
    List<SelectField<?>> fields = new ArrayList<>(fields(Block.nothing(schema.size()), schema));
    if (cycleGuard) {
      fields.add(DSL.castNull(SQLDataType.VARCHAR).as(PATH_COLUMN));
    }
    return DSL.select(fields).where(DSL.falseCondition());
  }

  private Select<Record> seedSelect(Block seed, List<Column> schema) {
    List<SelectField<?>> fields = new ArrayList<>(fields(seed, schema));
    if (cycleGuard) {
      fields.add(key(textOutputs(seed.outputs())).as(PATH_COLUMN));
    }
    return DSL.select(fields).from(seed.from()).where(seed.where());
  }

  private Select<Record> stepSelect(List<Block> steps, Recursion rec, List<Column> schema) {
    List<Field<String>> exprs;
    List<Table<?>> from = new ArrayList<>();
    List<Condition> where = new ArrayList<>();
    if (steps.size() == 1) {
      Block b = steps.get(0);
      from.add(rec.self);
      from.addAll(b.from());
      where.addAll(b.where());
      exprs = textOutputs(b.outputs());
    } else {
      exprs = mergedStep(steps, rec, from, where);
    }
    List<SelectField<?>> fields = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      fields.add(exprs.get(i).cast(SQLDataType.VARCHAR).as(Column.names(schema)[i]));
    }
    if (cycleGuard) {
      Field<String> path = text(rec.selfAlias, PATH_COLUMN);
      Field<String> key = key(exprs);
      where.add(DSL.position(path, key).eq(0));
      fields.add(path.concat(key).as(PATH_COLUMN));
    }
    return DSL.select(fields).from(from).where(where);
  }

  /**
   * Merges several recursive branches into one term reading the relation once: a discriminator row
   * per branch, each branch's other tables joined on its own condition.
   */
  private List<Field<String>> mergedStep(
      List<Block> steps, Recursion rec, List<Table<?>> from, List<Condition> where) {
    String k = alias();
    RowN[] ns = new RowN[steps.size()];
    for (int i = 0; i < ns.length; i++) {
      ns[i] = DSL.row(List.of(DSL.inline(i + 1)));
    }
    Field<Integer> n = DSL.field(DSL.name(k, "n"), SQLDataType.INTEGER);
    Table<?> joined = rec.self.crossJoin(DSL.values(ns).as(k, "n"));
    List<Condition> alternatives = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Block b = steps.get(i);
      List<Condition> parts = new ArrayList<>();
      parts.add(n.eq(DSL.inline(i + 1)));
      parts.addAll(b.where());
      Condition cond = DSL.and(parts);
      alternatives.add(cond);
      if (!b.from().isEmpty()) {
        Table<?> items = b.from().get(0);
        for (Table<?> t : b.from().subList(1, b.from().size())) {
          items = items.crossJoin(t);
        }
        joined = joined.leftJoin(items).on(cond);
      }
    }
    from.add(joined);
    where.add(DSL.or(alternatives));
    List<Field<String>> exprs = new ArrayList<>();
    for (int c = 0; c < 2 * rec.arity; c++) {
      org.jooq.CaseConditionStep<String> e = null;
      for (int i = 0; i < steps.size(); i++) {
        Field<String> value = textOutputs(steps.get(i).outputs()).get(c);
        Condition when = n.eq(DSL.inline(i + 1));
        e = e == null ? DSL.when(when, value) : e.when(when, value);
      }
      exprs.add(e);
    }
    return exprs;
  }

  /** Every output as text: type then id, per column. */
  private static List<Field<String>> textOutputs(List<Term> outputs) {
    List<Field<String>> out = new ArrayList<>();
    for (Term t : outputs) {
      out.add(t.typeExpression());
      out.add(t.idAsText());
    }
    return out;
  }

  /** An unambiguous text key of a tuple: escaped fields between separators that never occur. */
  private static Field<String> key(List<Field<String>> exprs) {
    Field<String> key = DSL.inline("|");
    for (int i = 0; i < exprs.size(); i++) {
      Field<String> e = exprs.get(i).cast(SQLDataType.VARCHAR);
      Field<String> escaped =
          DSL.replace(
              DSL.replace(
                  DSL.replace(e, DSL.inline("\\"), DSL.inline("\\\\")),
                  DSL.inline("|"),
                  DSL.inline("\\p")),
              DSL.inline("/"),
              DSL.inline("\\s"));
      key = key.concat(i == 0 ? escaped : DSL.inline("/").concat(escaped));
    }
    return key.concat(DSL.inline("|"));
  }

  private Block recursiveRef(Plan.RecursiveRef ref) {
    Recursion rec = recursions.get(ref.name());
    if (rec == null) {
      throw new IllegalArgumentException(
          "plan refers to recursive relation '" + ref.name() + "' outside its fixpoint");
    }
    rec.references++;
    List<Term> outputs = new ArrayList<>();
    for (int i = 0; i < rec.arity; i++) {
      outputs.add(
          Term.column(
              null, text(rec.selfAlias, "t" + i), text(rec.selfAlias, "v" + i), SqlType.TEXT));
    }
    return new Block(List.of(rec.self), List.of(), outputs, false);
  }

  /**
   * How one column of a materialized relation is represented.
   *
   * @param staticType the type when every row has it, else null (a {@code t<i>} column)
   * @param sqlType the SQL type of the {@code v<i>} column
   * @param cast whether ids are cast to text explicitly (recursive relations need one type)
   */
  record Column(@Nullable String staticType, SqlType sqlType, boolean cast) {
    static List<Column> dynamic(int arity) {
      List<Column> out = new ArrayList<>();
      for (int i = 0; i < arity; i++) {
        out.add(new Column(null, SqlType.TEXT, true));
      }
      return out;
    }

    static List<Column> merge(List<Block> blocks, int arity) {
      List<Column> out = new ArrayList<>();
      for (int i = 0; i < arity; i++) {
        Set<String> types = new TreeSet<>();
        Set<SqlType> sqlTypes = new TreeSet<>();
        boolean dynamic = false;
        for (Block b : blocks) {
          Term t = b.outputs().get(i);
          dynamic |= t.staticType() == null;
          if (t.staticType() != null) {
            types.add(t.staticType());
          }
          sqlTypes.add(t.constantId() != null ? SqlType.TEXT : t.sqlType());
        }
        String type = !dynamic && types.size() == 1 ? types.iterator().next() : null;
        SqlType sqlType = sqlTypes.size() == 1 ? sqlTypes.iterator().next() : SqlType.TEXT;
        out.add(new Column(type, sqlType, sqlTypes.size() > 1));
      }
      return out;
    }

    static String[] names(List<Column> schema) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        if (schema.get(i).staticType() == null) {
          names.add("t" + i);
        }
        names.add("v" + i);
      }
      return names.toArray(new String[0]);
    }
  }
}
