package dev.osoj.internal.plan;

import static java.util.Objects.requireNonNull;

import dev.osoj.EvaluationException;
import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import dev.osoj.sql.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a question into a {@link Plan}: the question's predicate applied to bound values and open
 * variables, answered by unfolding the program's rules top-down with the bound values substituted
 * (so rules whose head constants cannot match are dropped at plan time). Each way to satisfy the
 * question becomes one conjunctive branch (joins of fact sources plus conditions); recursive
 * predicates become {@link Plan.Fixpoint}s, specialised on arguments that every recursive call
 * passes through unchanged; {@code not} becomes an anti-join. Predicates that call each other
 * become one fixpoint, built for the member of their cycle that every loop passes through, with the
 * other members unfolded inside it ({@link Recursion#isAnchor}).
 *
 * <p>Limitations (each raises {@link EvaluationException} naming the rule, never an approximate
 * plan): a cycle of predicates in which no single member lies on every loop; a recursive rule that
 * uses its own predicate twice in one body (non-linear recursion); a recursive branch (one reading
 * the recursive relation) with an unbounded (wildcard) head argument, or recursive rules that keep
 * deriving new wildcard answers; comparisons on variables that no call binds; more than {@value
 * #MAX_BRANCHES} branches.
 *
 * <p>One planner serves one question (it caches the fixpoints it builds); it is not thread-safe.
 */
public final class Planner {
  static final int MAX_BRANCHES = 4096;

  /** One argument of a planned question. */
  public sealed interface Arg {
    /**
     * A value fixed by the question.
     *
     * @param value the value
     */
    record Bound(Value value) implements Arg {
      /** Creates the argument. */
      public Bound {
        requireNonNull(value, "value");
      }
    }

    /**
     * An open position: the plan yields its values as a column. With a type, only values of exactly
     * that type qualify (as in {@code list}); without, any value does.
     *
     * @param type the exact type, or null for any
     */
    record Open(@Nullable String type) implements Arg {}
  }

  private final Program program;
  private final FactSources sources;
  private final long nowSeconds;
  private final Recursion recursion;
  private final Map<String, Plan.Fixpoint> fixpoints = new HashMap<>();
  private final Map<String, List<Wildcard>> wildcards = new HashMap<>();
  private final Map<PredicateKey, Building> building = new HashMap<>();
  private final Map<String, Types.Allowed> subtypes = new HashMap<>();
  private final boolean template;
  private int fresh;

  /**
   * Creates a planner for one question.
   *
   * @param program the policy
   * @param sources where stored facts live
   * @param nowSeconds the value of {@code @current_unix_time}
   */
  public Planner(Program program, FactSources sources, long nowSeconds) {
    this(program, sources, nowSeconds, false);
  }

  /**
   * Creates a planner; a template planner ({@link PlanCache}) refuses, by throwing {@link
   * Params.Dependent}, anything that would make the plan depend on the value of a placeholder or on
   * the clock.
   */
  Planner(Program program, FactSources sources, long nowSeconds, boolean template) {
    this.program = requireNonNull(program, "program");
    this.sources = requireNonNull(sources, "sources");
    this.nowSeconds = nowSeconds;
    this.recursion = Recursion.of(program);
    this.template = template;
  }

  /**
   * Plans one predicate call. The plan has one column per {@link Arg.Open} argument, in order.
   *
   * @param predicate the predicate, such as {@code allow}
   * @param args the arguments
   * @return the plan
   * @throws EvaluationException if the question cannot be expressed (names the rule)
   */
  public Plan plan(String predicate, List<Arg> args) {
    State start = State.EMPTY;
    List<Term> terms = new ArrayList<>();
    List<Term> outputs = new ArrayList<>();
    List<@Nullable String> anyTypes = new ArrayList<>();
    for (Arg a : args) {
      if (a instanceof Arg.Bound) {
        terms.add(new Term.Const(((Arg.Bound) a).value()));
        continue;
      }
      String type = ((Arg.Open) a).type();
      Term.Var v = new Term.Var("q#" + outputs.size());
      terms.add(v);
      outputs.add(v);
      anyTypes.add(type);
      if (type != null) {
        start = requireNonNull(start.constrain(v, Types.exactly(type)));
      }
    }
    Literal.Call call = new Literal.Call(predicate, terms, dev.osoj.SourceSpan.NONE);
    return branches(List.of(new Goal(call, null)), start, outputs, anyTypes);
  }

  /**
   * Plans a query: a conjunction of calls over constrained variables. The plan has one column per
   * variable of {@link Query#constraints()}, in that order.
   *
   * @param query the query
   * @return the plan
   */
  public Plan plan(Query query) {
    State start = State.EMPTY;
    List<Term> outputs = new ArrayList<>();
    List<@Nullable String> anyTypes = new ArrayList<>();
    List<Goal> goals = new ArrayList<>();
    for (Map.Entry<String, Query.Constraint> e : query.constraints().entrySet()) {
      Term.Var v = new Term.Var("q#" + e.getKey());
      outputs.add(v);
      anyTypes.add(e.getValue().type());
      start = requireNonNull(start.constrain(v, Types.exactly(e.getValue().type())));
      List<String> ids = e.getValue().ids();
      if (ids != null) {
        List<Term.Const> values = new ArrayList<>();
        for (String id : ids) {
          values.add(new Term.Const(new Value(e.getValue().type(), id)));
        }
        goals.add(new Goal(new Literal.In(v, values, dev.osoj.SourceSpan.NONE), null));
      }
    }
    for (Query.Call c : query.calls()) {
      List<Term> terms = new ArrayList<>();
      for (String name : c.args()) {
        terms.add(new Term.Var("q#" + name));
      }
      goals.add(new Goal(new Literal.Call(c.predicate(), terms, dev.osoj.SourceSpan.NONE), null));
    }
    return branches(goals, start, outputs, anyTypes);
  }

  private Plan branches(
      List<Goal> goals, State start, List<Term> outputs, List<@Nullable String> anyTypes) {
    List<State> states = new ArrayList<>();
    solve(goals, 0, start, states);
    // Different unfoldings often reach the same branch (such as a role implied along two paths);
    // a union is a set, so keep one copy.
    Set<Plan> plans = new LinkedHashSet<>();
    for (State s : states) {
      Plan p = new Assembler(this, s).build(outputs, anyTypes, null);
      if (p != null) {
        plans.add(p);
      }
    }
    return plans.size() == 1
        ? plans.iterator().next()
        : new Plan.Union(outputs.size(), new ArrayList<>(plans));
  }

  // ---- unfolding ----

  /** One conjunct to satisfy, with the rule it comes from (null for the question itself). */
  record Goal(Literal literal, @Nullable Rule rule, List<CallPattern> stack) {
    Goal(Literal literal, @Nullable Rule rule) {
      this(literal, rule, List.of());
    }
  }

  void solve(List<Goal> goals, int index, State s, List<State> out) {
    if (index == goals.size()) {
      if (out.size() >= MAX_BRANCHES) {
        throw new EvaluationException(
            "the question unfolds into more than " + MAX_BRANCHES + " SQL branches");
      }
      out.add(s);
      return;
    }
    Goal g = goals.get(index);
    Literal lit = g.literal();
    if (lit instanceof Literal.Call) {
      call((Literal.Call) lit, g, goals, index, s, out);
    } else if (lit instanceof Literal.Not || lit instanceof Literal.Compare) {
      solve(goals, index + 1, s.defer(g), out);
    } else if (lit instanceof Literal.Unify) {
      Literal.Unify u = (Literal.Unify) lit;
      next(goals, index, s.unify(walk(u.left(), s), walk(u.right(), s)), out);
    } else if (lit instanceof Literal.In) {
      Literal.In in = (Literal.In) lit;
      for (Term.Const c : in.values()) {
        next(goals, index, s.unify(walk(in.term(), s), c), out);
      }
    } else if (lit instanceof Literal.Matches) {
      Literal.Matches m = (Literal.Matches) lit;
      Types.Allowed allowed = m.exact() ? Types.exactly(m.type()) : subtypesOf(m.type());
      next(goals, index, s.constrain(walk(m.var(), s), allowed), out);
    } else {
      throw new AssertionError(lit);
    }
  }

  private void next(List<Goal> goals, int index, @Nullable State s, List<State> out) {
    if (s != null) {
      solve(goals, index + 1, s, out);
    }
  }

  private void call(
      Literal.Call c, Goal goal, List<Goal> goals, int index, State s, List<State> out) {
    Rule rule = goal.rule();
    PredicateKey key = new PredicateKey(c.predicate(), c.arity());
    List<Term> args = new ArrayList<>();
    for (Term t : c.args()) {
      args.add(walk(t, s));
    }
    Building b = building.get(key);
    if (b != null) {
      next(goals, index, s.atom(new Plan.RecursiveRef(b.name, key.arity()), args), out);
      for (Wildcard w : b.wildcards()) {
        next(goals, index, w.apply(s, args), out);
      }
      return;
    }
    List<CallPattern> stack = goal.stack();
    if (recursion.isRecursive(key)) {
      CallPattern pattern = CallPattern.of(key, args);
      // a repeated call of another member of a cycle is unfolded again: it reaches the anchor
      if (pattern.isIn(stack) && recursion.isAnchor(key)) {
        recursion.checkNotNested(key, building.keySet(), rule);
        Plan.Fixpoint f = fixpoint(key, args);
        next(goals, index, s.atom(f, args), out);
        for (Wildcard w : wildcards.getOrDefault(f.name(), List.of())) {
          next(goals, index, w.apply(s, args), out);
        }
        return;
      }
      List<CallPattern> deeper = new ArrayList<>(stack);
      deeper.add(pattern);
      stack = List.copyOf(deeper);
    }
    for (Plan rel : sources.relations(key.name(), key.arity(), bound(args))) {
      if (fits(rel, args, s)) {
        next(goals, index, s.relation(rel, args), out);
      }
    }
    for (Rule r : program.rules(key)) {
      if (!headMayMatch(r.head(), args, s)) {
        continue;
      }
      Rule renamed = Renamer.rename(r, "#" + (fresh++));
      State s2 = unifyHead(renamed.head(), args, s);
      if (s2 == null) {
        continue;
      }
      List<Goal> expanded = new ArrayList<>(goals.subList(0, index));
      for (Literal l : renamed.body()) {
        expanded.add(new Goal(l, r, stack));
      }
      expanded.addAll(goals.subList(index + 1, goals.size()));
      solve(expanded, index, s2, out);
    }
  }

  /**
   * The shape of a call for recursion detection: the predicate and its constant arguments (null for
   * a variable). A call whose shape is already being unfolded is answered by a fixpoint instead of
   * unfolding again, so chains of distinct constants (role implications) unfold into plain joins
   * and only true recursion becomes {@code WITH RECURSIVE}.
   */
  record CallPattern(PredicateKey key, List<@Nullable Value> consts) {
    static CallPattern of(PredicateKey key, List<Term> args) {
      List<@Nullable Value> consts = new ArrayList<>(args.size());
      for (Term t : args) {
        consts.add(t instanceof Term.Const ? ((Term.Const) t).value() : null);
      }
      return new CallPattern(key, consts);
    }

    boolean isIn(List<CallPattern> stack) {
      for (CallPattern p : stack) {
        if (matches(p)) {
          return true;
        }
      }
      return false;
    }

    private boolean matches(CallPattern other) {
      if (!key.equals(other.key)) {
        return false;
      }
      for (int i = 0; i < consts.size(); i++) {
        Value a = consts.get(i);
        Value b = other.consts.get(i);
        if ((a == null) != (b == null) || (a != null && !a.type().equals(b.type()))) {
          return false;
        }
      }
      for (int i = 0; i < consts.size(); i++) {
        Value a = consts.get(i);
        if (a != null && !Params.same(a, other.consts.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * A cheap test, before renaming a rule, that its head can unify with the arguments: constants
   * equal, argument types within the parameter types. {@link #unifyHead} makes the same checks (and
   * more), so skipping a rule here changes nothing but the work done.
   */
  private boolean headMayMatch(List<Param> head, List<Term> args, State s) {
    for (int i = 0; i < head.size(); i++) {
      Param p = head.get(i);
      Term a = walk(args.get(i), s);
      if (a instanceof Term.Const) {
        Value v = ((Term.Const) a).value();
        if (p.term() instanceof Term.Const && !Params.same(((Term.Const) p.term()).value(), v)) {
          return false;
        }
        if (p.type() != null && !subtypesOf(p.type()).permits(v.type())) {
          return false;
        }
      } else if (p.type() != null
          && s.allowed((Term.Var) a).intersect(subtypesOf(p.type())).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  @Nullable State unifyHead(List<Param> head, List<Term> args, State s) {
    State cur = s;
    for (int i = 0; i < head.size() && cur != null; i++) {
      Param p = head.get(i);
      cur = cur.unify(walk(p.term(), cur), walk(args.get(i), cur));
      if (cur != null && p.type() != null) {
        cur = cur.constrain(walk(p.term(), cur), subtypesOf(p.type()));
      }
    }
    return cur;
  }

  private Types.Allowed subtypesOf(String type) {
    return subtypes.computeIfAbsent(type, t -> Types.subtypesOf(program.types(), t));
  }

  Term walk(Term t, State s) {
    if (t instanceof Term.Now) {
      if (template) {
        throw new Params.Dependent();
      }
      return new Term.Const(Value.of(nowSeconds));
    }
    return s.walk(t);
  }

  /** Whether a local binding can hold a tuple matching the arguments (constants and types). */
  private static boolean fits(Plan rel, List<Term> args, State s) {
    if (!(rel instanceof Plan.Scan)
        || !(((Plan.Scan) rel).source() instanceof dev.osoj.sql.FactSource.Binding)) {
      return true;
    }
    List<dev.osoj.sql.FactSource.BindingArg> bargs =
        ((dev.osoj.sql.FactSource.Binding) ((Plan.Scan) rel).source()).args();
    for (int i = 0; i < bargs.size(); i++) {
      dev.osoj.sql.FactSource.BindingArg b = bargs.get(i);
      Term t = s.walk(args.get(i));
      if (t instanceof Term.Const) {
        Value v = ((Term.Const) t).value();
        if (!v.type().equals(b.type()) || (b.constant() != null && !Params.same(b.constant(), v))) {
          return false;
        }
      } else if (!s.allowed((Term.Var) t).permits(b.type())) {
        return false;
      }
    }
    return true;
  }

  private static List<@Nullable Value> bound(List<Term> args) {
    List<@Nullable Value> out = new ArrayList<>();
    for (Term t : args) {
      out.add(t instanceof Term.Const ? ((Term.Const) t).value() : null);
    }
    return out;
  }

  // ---- recursion ----

  private record Building(String name, List<Wildcard> wildcards) {}

  /** Rounds of applying recursive rules to wildcard answers before giving up. */
  private static final int MAX_WILDCARD_ROUNDS = 4;

  private Plan.Fixpoint fixpoint(PredicateKey key, List<Term> args) {
    List<Term> head = new ArrayList<>();
    StringBuilder cacheKey = new StringBuilder(key.toString());
    for (int i = 0; i < key.arity(); i++) {
      Term a = args.get(i);
      if (a instanceof Term.Const && recursion.isInvariant(program, key, i)) {
        head.add(a);
        cacheKey.append('|').append(i).append('=').append(((Term.Const) a).value());
      } else {
        head.add(new Term.Var("h#" + (fresh++)));
      }
    }
    Plan.Fixpoint cached = fixpoints.get(cacheKey.toString());
    if (cached != null) {
      return cached;
    }
    String name = "rec" + fixpoints.size() + "_" + key.name().replaceAll("[^A-Za-z0-9_]", "_");
    List<Wildcard> known = List.of();
    for (int round = 0; ; round++) {
      List<Plan> seeds = new ArrayList<>();
      List<Plan> steps = new ArrayList<>();
      List<Wildcard> found = new ArrayList<>();
      building.put(key, new Building(name, known));
      try {
        unfoldFixpoint(key, head, seeds, steps, found);
      } finally {
        building.remove(key);
      }
      if (found.equals(known)) {
        Plan.Fixpoint f =
            new Plan.Fixpoint(
                name,
                key.arity(),
                new Plan.Union(key.arity(), seeds),
                new Plan.Union(key.arity(), steps));
        fixpoints.put(cacheKey.toString(), f);
        wildcards.put(name, known);
        return f;
      }
      if (round == MAX_WILDCARD_ROUNDS) {
        throw new EvaluationException(
            "cannot plan SQL for recursive predicate '"
                + key
                + "': its recursive rules keep deriving new answers that hold for every value"
                + " (wildcards) after "
                + MAX_WILDCARD_ROUNDS
                + " rounds");
      }
      known = List.copyOf(found);
    }
  }

  /**
   * Unfolds every rule and stored relation of a recursive predicate once: branches reading the
   * recursive relation are steps, others seeds, and seeds leaving a head position unbound are
   * wildcards.
   */
  private void unfoldFixpoint(
      PredicateKey key, List<Term> head, List<Plan> seeds, List<Plan> steps, List<Wildcard> found) {
    List<State> states = new ArrayList<>();
    for (Plan rel : sources.relations(key.name(), key.arity(), bound(head))) {
      if (!fits(rel, head, State.EMPTY)) {
        continue;
      }
      State s = State.EMPTY.relation(rel, head);
      if (s != null) {
        states.add(s);
      }
    }
    for (Rule r : program.rules(key)) {
      if (!headMayMatch(r.head(), head, State.EMPTY)) {
        continue;
      }
      Rule renamed = Renamer.rename(r, "#" + (fresh++));
      State s = unifyHead(renamed.head(), head, State.EMPTY);
      if (s == null) {
        continue;
      }
      List<Goal> body = new ArrayList<>();
      for (Literal l : renamed.body()) {
        body.add(new Goal(l, r));
      }
      List<State> ruleStates = new ArrayList<>();
      solve(body, 0, s, ruleStates);
      for (State rs : ruleStates) {
        Wildcard w = rs.isRecursive() ? null : Wildcard.of(this, rs, head, r);
        if (w != null) {
          if (!found.contains(w)) {
            found.add(w);
          }
          continue;
        }
        Plan p = new Assembler(this, rs).build(head, null, r);
        if (p != null) {
          (rs.isRecursive() ? steps : seeds).add(p);
        }
      }
    }
    for (State s : states) {
      Plan p = new Assembler(this, s).build(head, null, null);
      if (p != null) {
        seeds.add(p);
      }
    }
  }

  Program program() {
    return program;
  }
}
