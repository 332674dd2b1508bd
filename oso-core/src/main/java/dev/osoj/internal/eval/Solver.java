package dev.osoj.internal.eval;

import static dev.osoj.internal.store.ValueTable.UNBOUND;
import static dev.osoj.internal.store.ValueTable.WILD_BASE;
import static dev.osoj.internal.store.ValueTable.isWildcard;
import static dev.osoj.internal.store.ValueTable.wildcard;
import static dev.osoj.internal.store.ValueTable.wildcardType;

import dev.osoj.Fact;
import dev.osoj.Value;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.internal.store.Relation;
import dev.osoj.internal.store.ValueTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Answers one question over a compiled program and a fact database (under its read lock).
 *
 * <p>Evaluation is top-down over precompiled join plans. Calls that cannot reach their own rule run
 * directly, streaming answers into the caller's continuation, and stop at the first answer when
 * every argument is bound. Calls that may recurse are tabled: a table per call site and argument
 * pattern collects answers; a call meeting a table still being computed consumes the answers found
 * so far, and the table lowest on the stack of the strongly connected group re-runs the group until
 * no table grows (naive iteration over the group, in the style of SCC based tabling). Answer sets
 * are finite, so this terminates on cyclic data.
 *
 * <p>Values are ints: stored value ids, question-local ids for constants and context facts the
 * store does not hold, and wildcards standing for every value of a type (§5.7 of polar.md). A
 * wildcard meeting a concrete value of a compatible type becomes that value.
 *
 * <p>One solver per question and thread.
 */
final class Solver {
  static final int FAIL = Integer.MIN_VALUE + 1;
  private static final int[] NO_FRAME = new int[0];

  /** The sink of existence checks: stops at the first answer. */
  static final Sink EXISTS = tuple -> true;

  /** Receives answer tuples; returns true to stop the producer. */
  interface Sink {
    boolean accept(int[] tuple);
  }

  private final CompiledProgram program;
  private final FactDatabase db;
  private final ValueTable values;
  private final Types types;
  private @Nullable List<Value> locals;
  private @Nullable Map<Value, Integer> localIds;
  private final int now;
  private int[][][] context = new int[0][][];
  private @Nullable HashMap<GoalKey, Table> tables;
  private final List<Table> group = new ArrayList<>();
  private int depth;
  private int lowLink = Integer.MAX_VALUE;
  private long added;
  private int round;

  Solver(CompiledProgram program, long nowSeconds) {
    this.program = program;
    this.db = program.db;
    this.values = db.values();
    this.types = program.types;
    this.now = program.usesNow ? resolve(Value.of(nowSeconds)) : UNBOUND;
  }

  // ---- values ----

  /** Returns the int of a value: its stored id, or a question-local id. */
  int resolve(Value value) {
    if (value.type().equals(Value.STRING)) {
      int known = program.policyString(value.id());
      if (known >= 0) {
        return known;
      }
    }
    int id = values.findRecent(value);
    if (id >= 0) {
      return id;
    }
    if (locals == null || localIds == null) {
      locals = new ArrayList<>();
      localIds = new HashMap<>();
    }
    Integer local = localIds.get(value);
    if (local == null) {
      local = -2 - locals.size();
      locals.add(value);
      localIds.put(value, local);
    }
    return local;
  }

  /** Returns the value of a concrete int, or null for a wildcard or an unbound position. */
  @Nullable Value value(int v) {
    if (v >= 0) {
      return values.value(v);
    }
    if (v < -1 && v > WILD_BASE && locals != null) {
      return locals.get(-2 - v);
    }
    return null;
  }

  /** Returns the id text of a concrete int, or null for a wildcard or an unbound position. */
  @Nullable String idText(int v) {
    if (v >= 0) {
      return values.idText(v);
    }
    Value local = value(v);
    return local == null ? null : local.id();
  }

  int typeOf(int v) {
    if (v >= 0) {
      return values.typeOf(v);
    }
    if (isWildcard(v)) {
      return wildcardType(v);
    }
    Value local = value(v);
    int t = local == null ? -1 : types.find(local.type());
    return t < 0 ? Types.UNKNOWN : t;
  }

  static boolean isConcrete(int v) {
    return v >= 0 || (v < -1 && v > WILD_BASE);
  }

  /** Returns the most specific int agreeing with both, or {@link #FAIL}. */
  int meet(int a, int b) {
    if (a == b || b == UNBOUND) {
      return a;
    }
    if (a == UNBOUND) {
      return b;
    }
    boolean wa = isWildcard(a);
    boolean wb = isWildcard(b);
    if (!wa && !wb) {
      return FAIL;
    }
    if (wa && !wb) {
      return types.isSub(typeOf(b), wildcardType(a)) ? b : FAIL;
    }
    if (!wa) {
      return types.isSub(typeOf(a), wildcardType(b)) ? a : FAIL;
    }
    if (types.isSub(wildcardType(a), wildcardType(b))) {
      return a;
    }
    return types.isSub(wildcardType(b), wildcardType(a)) ? b : FAIL;
  }

  private int read(int ref, int[] frame) {
    if (ref >= 0) {
      return frame[ref];
    }
    return ref == Op.NOW ? now : Op.constValue(ref);
  }

  private boolean bind(int ref, int value, int[] frame) {
    if (ref >= 0) {
      int m = meet(frame[ref], value);
      if (m == FAIL) {
        return false;
      }
      frame[ref] = m;
      return true;
    }
    return meet(read(ref, frame), value) != FAIL;
  }

  // ---- context facts ----

  void addContext(List<Fact> facts) {
    if (facts.isEmpty()) {
      return;
    }
    Map<Integer, List<int[]>> byRelation = new HashMap<>();
    for (Fact fact : facts) {
      Pred pred = program.pred(new PredicateKey(fact.predicate(), fact.arity()));
      if (pred.relation < 0) {
        continue;
      }
      int[] tuple = new int[fact.arity()];
      for (int i = 0; i < tuple.length; i++) {
        tuple[i] = resolve(fact.args().get(i));
      }
      byRelation.computeIfAbsent(pred.relation, k -> new ArrayList<>()).add(tuple);
    }
    int max = byRelation.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    context = new int[max + 1][][];
    byRelation.forEach((rel, tuples) -> context[rel] = tuples.toArray(new int[0][]));
  }

  private int @Nullable [][] contextOf(Pred pred) {
    return pred.relation >= 0 && pred.relation < context.length ? context[pred.relation] : null;
  }

  // ---- entry points ----

  /** Returns whether a predicate holds for concrete arguments. */
  boolean holds(Pred pred, int[] args) {
    if (storedOrContext(pred, args)) {
      return true;
    }
    for (CRule rule : pred.rules) {
      if (evalRule(rule, args, EXISTS)) {
        return true;
      }
    }
    return false;
  }

  /** Collects the distinct answers of a (synthetic) rule called with some arguments bound. */
  IntTupleSet answers(CRule rule, int[] args) {
    IntTupleSet out = new IntTupleSet(rule.arity);
    evalRule(
        rule,
        args,
        tuple -> {
          out.add(tuple);
          return false;
        });
    return out;
  }

  // ---- rules ----

  /** Evaluates one rule for a call's arguments; returns true if the sink stopped it. */
  boolean evalRule(CRule rule, int[] args, Sink out) {
    for (int i = 0; i < rule.arity; i++) {
      int h = rule.head[i];
      if (!Op.isSlot(h) && args[i] != UNBOUND && meet(read(h, NO_FRAME), args[i]) == FAIL) {
        return false;
      }
    }
    int[] frame = rule.emptyFrame.clone();
    int mask = 0;
    for (int i = 0; i < rule.arity; i++) {
      int a = args[i];
      int h = rule.head[i];
      if (!Op.isSlot(h)) {
        if (a != UNBOUND && meet(read(h, frame), a) == FAIL) {
          return false;
        }
        continue;
      }
      if (a == UNBOUND) {
        continue;
      }
      if (rule.headType[i] >= 0) {
        a = meet(a, wildcard(rule.headType[i]));
      }
      int m = a == FAIL ? FAIL : meet(frame[h], a);
      if (m == FAIL) {
        return false;
      }
      frame[h] = m;
      if (isConcrete(a)) {
        mask |= 1 << i;
      }
    }
    return join(rule, rule.plan(mask), 0, frame, new Emit(rule, out));
  }

  /** Builds head tuples from finished frames. */
  private final class Emit {
    private final CRule rule;
    private final Sink out;

    Emit(CRule rule, Sink out) {
      this.rule = rule;
      this.out = out;
    }

    boolean accept(int[] frame) {
      if (out == EXISTS) {
        return typesHold(frame);
      }
      int[] tuple = new int[rule.arity];
      for (int i = 0; i < tuple.length; i++) {
        int h = rule.head[i];
        int t = rule.headType[i];
        int v = read(h, frame);
        if (v == UNBOUND) {
          v = wildcard(t >= 0 ? t : types.any);
        } else if (t >= 0) {
          v = meet(v, wildcard(t));
          if (v == FAIL) {
            return false;
          }
        }
        tuple[i] = v;
      }
      return out.accept(tuple);
    }

    private boolean typesHold(int[] frame) {
      for (int i = 0; i < rule.arity; i++) {
        int t = rule.headType[i];
        int v = read(rule.head[i], frame);
        if (t >= 0 && v != UNBOUND && meet(v, wildcard(t)) == FAIL) {
          return false;
        }
      }
      return true;
    }
  }

  private boolean join(CRule rule, int[] plan, int step, int[] frame, Emit emit) {
    if (step == plan.length) {
      return emit.accept(frame);
    }
    Op op = rule.body[plan[step]];
    if (op instanceof Op.Call) {
      Op.Call call = (Op.Call) op;
      return call.negated()
          ? negation(rule, plan, step, frame, emit, call)
          : call(rule, plan, step, frame, emit, call);
    } else if (op instanceof Op.Matches) {
      return matches((Op.Matches) op, frame) && join(rule, plan, step + 1, frame, emit);
    } else if (op instanceof Op.Unify) {
      Op.Unify u = (Op.Unify) op;
      int m = meet(read(u.left(), frame), read(u.right(), frame));
      return m != FAIL
          && bind(u.left(), m, frame)
          && bind(u.right(), m, frame)
          && join(rule, plan, step + 1, frame, emit);
    } else if (op instanceof Op.Compare) {
      return compare((Op.Compare) op, frame) && join(rule, plan, step + 1, frame, emit);
    } else if (op instanceof Op.In) {
      return in(rule, plan, step, frame, emit, (Op.In) op);
    }
    throw new AssertionError("unknown op " + op);
  }

  private boolean matches(Op.Matches m, int[] frame) {
    if (m.type() < 0) {
      return false;
    }
    int v = frame[m.slot()];
    if (!m.exact()) {
      int r = meet(v, wildcard(m.type()));
      if (r == FAIL) {
        return false;
      }
      frame[m.slot()] = r;
      return true;
    }
    if (v == UNBOUND) {
      frame[m.slot()] = wildcard(m.type());
      return true;
    }
    int type = typeOf(v);
    if (type == m.type()) {
      return true;
    }
    if (isWildcard(v) && types.isSub(m.type(), type)) {
      frame[m.slot()] = wildcard(m.type());
      return true;
    }
    return false;
  }

  private boolean compare(Op.Compare c, int[] frame) {
    int l = read(c.left(), frame);
    int r = read(c.right(), frame);
    if (c.op() == dev.osoj.internal.program.Literal.Op.NE) {
      if (isConcrete(l) && isConcrete(r)) {
        return l != r;
      }
      return isWildcard(l) || isWildcard(r);
    }
    if (!isConcrete(l) || !isConcrete(r)) {
      return false;
    }
    if (typeOf(l) != types.integer || typeOf(r) != types.integer) {
      return false;
    }
    int cmp = Long.compare(longOf(l), longOf(r));
    switch (c.op()) {
      case LT:
        return cmp < 0;
      case LE:
        return cmp <= 0;
      case GT:
        return cmp > 0;
      case GE:
        return cmp >= 0;
      default:
        throw new AssertionError("unknown comparison " + c.op());
    }
  }

  private long longOf(int v) {
    Value value = value(v);
    return value == null ? 0 : value.asLong();
  }

  private boolean in(CRule rule, int[] plan, int step, int[] frame, Emit emit, Op.In in) {
    int v = read(in.term(), frame);
    if (isConcrete(v)) {
      for (int c : in.values()) {
        if (c == v) {
          return join(rule, plan, step + 1, frame, emit);
        }
      }
      return false;
    }
    int[] work = new int[frame.length];
    for (int c : in.values()) {
      System.arraycopy(frame, 0, work, 0, frame.length);
      if (bind(in.term(), c, work) && join(rule, plan, step + 1, work, emit)) {
        return true;
      }
    }
    return false;
  }

  // ---- calls ----

  private int[] callArgs(CRule rule, Op.Call call, int[] frame) {
    int[] refs = call.args();
    int[] args = new int[refs.length];
    for (int i = 0; i < refs.length; i++) {
      int ref = refs[i];
      int v = read(ref, frame);
      if (v == UNBOUND && ref >= 0 && rule.slotType[ref] >= 0) {
        v = wildcard(rule.slotType[ref]);
      }
      args[i] = v;
    }
    return args;
  }

  private static boolean allConcrete(int[] args) {
    for (int a : args) {
      if (!isConcrete(a)) {
        return false;
      }
    }
    return true;
  }

  private boolean negation(CRule rule, int[] plan, int step, int[] frame, Emit emit, Op.Call c) {
    int[] args = new int[c.args().length];
    for (int i = 0; i < args.length; i++) {
      int v = read(c.args()[i], frame);
      args[i] = isWildcard(v) ? UNBOUND : v;
    }
    return !exists(rule, c, args) && join(rule, plan, step + 1, frame, emit);
  }

  private boolean exists(CRule rule, Op.Call call, int[] args) {
    if (allConcrete(args)) {
      return groundHolds(rule, call, args);
    }
    if (scanStored(call.pred(), args, tuple -> true) || scanContext(call.pred(), args, t -> true)) {
      return true;
    }
    if (call.tabled()) {
      return anyMatches(solve(call, args).answers, args);
    }
    for (CRule callee : call.candidates()) {
      if (evalRule(callee, args, EXISTS)) {
        return true;
      }
    }
    return false;
  }

  private boolean groundHolds(CRule rule, Op.Call call, int[] args) {
    if (storedOrContext(call.pred(), args)) {
      return true;
    }
    if (call.candidates().length == 0) {
      return false;
    }
    if (call.tabled()) {
      return widenedHolds(rule, call, args);
    }
    for (CRule callee : call.candidates()) {
      if (evalRule(callee, args, EXISTS)) {
        return true;
      }
    }
    return false;
  }

  private boolean storedOrContext(Pred pred, int[] args) {
    if (pred.relation < 0) {
      return false;
    }
    Relation relation = db.relation(pred.relation);
    if (relation.size() > 0 && allStored(args) && relation.find(args) >= 0) {
      return true;
    }
    int[][] ctx = contextOf(pred);
    if (ctx != null) {
      for (int[] tuple : ctx) {
        if (Arrays.equals(tuple, args)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean allStored(int[] args) {
    for (int a : args) {
      if (a < 0) {
        return false;
      }
    }
    return true;
  }

  private boolean call(CRule rule, int[] plan, int step, int[] frame, Emit emit, Op.Call call) {
    int[] args = callArgs(rule, call, frame);
    if (allConcrete(args)) {
      return groundHolds(rule, call, args) && join(rule, plan, step + 1, frame, emit);
    }
    Continue next = new Continue(rule, plan, step, frame, emit, call);
    if (scanStored(call.pred(), args, next) || scanContext(call.pred(), args, next)) {
      return true;
    }
    if (call.candidates().length == 0) {
      return false;
    }
    if (call.tabled()) {
      Table table = solve(call, args);
      for (int i = 0; i < table.answers.size(); i++) {
        if (next.accept(table.answers.tuple(i))) {
          return true;
        }
      }
      return false;
    }
    for (CRule callee : call.candidates()) {
      if (evalRule(callee, args, next)) {
        return true;
      }
    }
    return false;
  }

  /** Binds an answer of a call into a copy of the caller's frame and runs the rest of the plan. */
  private final class Continue implements Sink {
    private final CRule rule;
    private final int[] plan;
    private final int step;
    private final int[] frame;
    private final int[] work;
    private final Emit emit;
    private final int[] refs;

    Continue(CRule rule, int[] plan, int step, int[] frame, Emit emit, Op.Call call) {
      this.rule = rule;
      this.plan = plan;
      this.step = step;
      this.frame = frame;
      this.work = new int[frame.length];
      this.emit = emit;
      this.refs = call.args();
    }

    @Override
    public boolean accept(int[] tuple) {
      System.arraycopy(frame, 0, work, 0, frame.length);
      for (int i = 0; i < refs.length; i++) {
        if (!bind(refs[i], tuple[i], work)) {
          return false;
        }
      }
      return join(rule, plan, step + 1, work, emit);
    }
  }

  /** Feeds the stored facts matching the arguments to a sink; true if the sink stopped. */
  private boolean scanStored(Pred pred, int[] args, Sink sink) {
    if (pred.relation < 0) {
      return false;
    }
    Relation rel = db.relation(pred.relation);
    if (rel.size() == 0) {
      return false;
    }
    int best = -1;
    int bestCount = Integer.MAX_VALUE;
    for (int p = 0; p < args.length; p++) {
      int a = args[p];
      if (a >= 0) {
        int count = rel.count(p, a);
        if (count < bestCount) {
          best = p;
          bestCount = count;
        }
      } else if (isConcrete(a)) {
        return false;
      }
    }
    if (bestCount == 0) {
      return false;
    }
    int[] tuple = new int[args.length];
    if (best >= 0) {
      for (int row = rel.first(best, args[best]); row >= 0; row = rel.next(best, row)) {
        if (rel.alive(row) && rowMatches(rel, row, args, tuple) && sink.accept(tuple)) {
          return true;
        }
      }
      return false;
    }
    for (int row = 0, n = rel.rowLimit(); row < n; row++) {
      if (rel.alive(row) && rowMatches(rel, row, args, tuple) && sink.accept(tuple)) {
        return true;
      }
    }
    return false;
  }

  private boolean rowMatches(Relation rel, int row, int[] args, int[] tuple) {
    for (int p = 0; p < args.length; p++) {
      int v = rel.get(row, p);
      int a = args[p];
      if (a >= 0 ? v != a : isWildcard(a) && !types.isSub(values.typeOf(v), wildcardType(a))) {
        return false;
      }
      tuple[p] = v;
    }
    return true;
  }

  private boolean scanContext(Pred pred, int[] args, Sink sink) {
    int[][] ctx = contextOf(pred);
    if (ctx == null) {
      return false;
    }
    for (int[] tuple : ctx) {
      boolean ok = true;
      for (int p = 0; p < args.length && ok; p++) {
        ok = meet(tuple[p], args[p]) != FAIL;
      }
      if (ok && sink.accept(tuple.clone())) {
        return true;
      }
    }
    return false;
  }

  // ---- tabling ----

  /**
   * Returns the goal a fully bound recursive call is tabled under: the call's last variable
   * argument is left open (typed by its static type). Following a chain one bound goal at a time
   * would nest as deep as the chain is long; the wider goal reaches itself again at once, so the
   * chain is computed by iteration at constant stack depth, and the table is shared by every bound
   * call of that shape in the question. The caller checks its own tuple against the answers.
   *
   * <p>Calls that are not fully bound are tabled as they are: widening them could turn a selective
   * question into one over every value, and tables have no indexes.
   */
  private int[] widened(CRule rule, Op.Call call, int[] args) {
    for (int i = args.length - 1; i >= 0; i--) {
      int ref = call.args()[i];
      if (Op.isSlot(ref) && isConcrete(args[i])) {
        int[] wide = args.clone();
        int type = rule.slotType[ref];
        wide[i] = type >= 0 ? wildcard(type) : UNBOUND;
        return wide;
      }
    }
    return args;
  }

  /** Answers a fully bound recursive call from the table of its widened goal. */
  private boolean widenedHolds(CRule rule, Op.Call call, int[] args) {
    int[] wide = widened(rule, call, args);
    return anyMatches(solve(call, wide).answers, args);
  }

  /** Returns whether some answer agrees with the arguments (wildcards included). */
  private boolean anyMatches(IntTupleSet answers, int[] args) {
    if (allConcrete(args) && answers.contains(args)) {
      return true;
    }
    for (int i = 0; i < answers.size(); i++) {
      boolean all = true;
      for (int p = 0; p < args.length && all; p++) {
        all = meet(answers.get(i, p), args[p]) != FAIL;
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private static final class GoalKey {
    private final int site;
    private final int[] args;
    private final int hash;

    GoalKey(int site, int[] args) {
      this.site = site;
      this.args = args;
      this.hash = site * 31 + Arrays.hashCode(args);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof GoalKey
          && ((GoalKey) o).site == site
          && Arrays.equals(((GoalKey) o).args, args);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static final class Table {
    final GoalKey key;
    final IntTupleSet answers;
    final boolean ground;
    boolean complete;
    boolean onStack;
    int stackPos;
    int low;
    int round = -1;

    Table(GoalKey key, int arity, boolean ground) {
      this.key = key;
      this.answers = new IntTupleSet(arity);
      this.ground = ground;
    }
  }

  private Table solve(Op.Call call, int[] args) {
    if (tables == null) {
      tables = new HashMap<>();
    }
    GoalKey key = new GoalKey(call.id(), args);
    Table t = tables.get(key);
    if (t != null) {
      if (t.complete) {
        return t;
      }
      if (t.onStack) {
        lowLink = Math.min(lowLink, t.stackPos);
        return t;
      }
      if (t.round == round) {
        lowLink = Math.min(lowLink, t.low);
        return t;
      }
    } else {
      t = new Table(key, args.length, allConcrete(args));
      tables.put(key, t);
    }
    evaluate(t, call, args);
    return t;
  }

  private void evaluate(Table t, Op.Call call, int[] args) {
    int savedLow = lowLink;
    t.onStack = true;
    t.stackPos = depth++;
    int mark = group.size();
    group.add(t);
    Sink into =
        tuple -> {
          if (t.answers.add(tuple)) {
            added++;
          }
          return t.ground;
        };
    while (true) {
      lowLink = Integer.MAX_VALUE;
      long before = added;
      runRules(call, args, into);
      int myLow = lowLink;
      boolean leader = myLow >= t.stackPos;
      if (t.ground && t.answers.size() > 0) {
        t.complete = true;
        if (leader) {
          discardGroup(mark);
        }
        break;
      }
      if (leader) {
        if (myLow == Integer.MAX_VALUE || added == before) {
          completeGroup(mark);
          break;
        }
        round++;
        continue;
      }
      t.low = myLow;
      t.round = round;
      break;
    }
    t.onStack = false;
    depth--;
    lowLink = Math.min(savedLow, t.complete ? Integer.MAX_VALUE : t.low);
  }

  private void runRules(Op.Call call, int[] args, Sink into) {
    for (CRule rule : call.candidates()) {
      if (evalRule(rule, args, into)) {
        return;
      }
    }
  }

  private void completeGroup(int mark) {
    for (int i = group.size() - 1; i >= mark; i--) {
      group.remove(i).complete = true;
    }
  }

  private void discardGroup(int mark) {
    for (int i = group.size() - 1; i >= mark; i--) {
      Table member = group.remove(i);
      if (!member.complete && tables != null) {
        tables.remove(member.key);
      }
    }
  }
}
