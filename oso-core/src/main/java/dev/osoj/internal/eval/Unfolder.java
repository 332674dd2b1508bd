package dev.osoj.internal.eval;

import dev.osoj.internal.store.ValueTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Partially evaluates {@code allow(actor, action, resource)} for one action constant and the types
 * of the actor and the resource into a {@link FastPlan}: a union of conjunctions of stored-fact
 * lookups and type tests over the actor, the resource and fresh variables.
 *
 * <p>Every call is unfolded into its stored relation (always kept: facts may arrive later) and each
 * of its rules, with the caller's arguments substituted into the rule. A rule is dropped when a
 * head constant differs from the argument or a head type cannot hold for the actor's or the
 * resource's type or a constant; {@code matches} and head types on fresh variables become runtime
 * type tests; {@code =} substitutes; {@code x in [...]} becomes a membership test.
 *
 * <p>Not covered (the caller falls back to the {@link Solver}): a rule reached again while being
 * unfolded (recursion), negation, comparisons, {@code @current_unix_time}, {@code =} or a head
 * constant that would constrain the actor or the resource to a constant or to each other, a
 * variable that only a type test or {@code in} mentions (a wildcard answer), more than {@link
 * #MAX_BRANCHES} conjunctions or unfolding deeper than {@link #MAX_DEPTH} calls.
 */
final class Unfolder {
  /** The variable holding the question's actor. */
  static final int ACTOR = 0;

  /** The variable holding the question's resource. */
  static final int RESOURCE = 1;

  static final int MAX_BRANCHES = 256;
  static final int MAX_DEPTH = 24;
  private static final int UNSET = Integer.MAX_VALUE;
  private static final int ALL_BOUND = 1000;

  /** Thrown when the question's shape is not covered. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A conjunct of a branch under construction. Terms: a variable if at least 0, else a const. */
  sealed interface Atom permits Goal, Lookup, Check, InSet, SetLookup {}

  /**
   * A call still to unfold: the rules that may answer it (see {@link Compiler}), its caller chain.
   */
  record Goal(Pred pred, int[] args, CRule[] candidates, CRule[] path) implements Atom {}

  /** A lookup of stored facts. */
  record Lookup(int relation, int[] args) implements Atom {}

  /** A type test: {@code matches} (exact for {@code matches!}) or a head parameter type. */
  record Check(int term, int type, boolean exact) implements Atom {}

  /** A lookup whose argument at {@code position} may be any of several constants (a merge). */
  record SetLookup(Lookup lookup, int position, int[] constants) implements Atom {}

  /** A membership test over stored value ids. */
  record InSet(int term, int[] values) implements Atom {}

  private final CompiledProgram program;
  private final ValueTable values;
  private final Types types;
  private final int actorType;
  private final int resourceType;

  Unfolder(CompiledProgram program, int actorType, int resourceType) {
    this.program = program;
    this.values = program.db.values();
    this.types = program.types;
    this.actorType = actorType;
    this.resourceType = resourceType;
  }

  /** A conjunction being unfolded: its atoms and a substitution of its variables. */
  private static final class Branch {
    final List<Atom> atoms;
    int[] subst;
    int vars;

    Branch(List<Atom> atoms, int[] subst, int vars) {
      this.atoms = atoms;
      this.subst = subst;
      this.vars = vars;
    }

    Branch copy() {
      return new Branch(new ArrayList<>(atoms), subst.clone(), vars);
    }

    int fresh() {
      if (vars == subst.length) {
        subst = Arrays.copyOf(subst, vars * 2);
        Arrays.fill(subst, vars, subst.length, UNSET);
      }
      return vars++;
    }

    int deref(int term) {
      int t = term;
      while (t >= 0 && subst[t] != UNSET) {
        t = subst[t];
      }
      return t;
    }
  }

  /**
   * Unfolds {@code allow} for one action.
   *
   * @param allow the {@code allow/3} predicate
   * @param action the stored id of the action string
   * @return the plan
   * @throws Unsupported if the question is not covered
   */
  FastPlan unfold(Pred allow, int action) {
    int[] subst = new int[8];
    Arrays.fill(subst, UNSET);
    List<Atom> start = new ArrayList<>();
    start.add(
        new Goal(
            allow, new int[] {ACTOR, Op.constRef(action), RESOURCE}, allow.rules, new CRule[0]));
    Deque<Branch> work = new ArrayDeque<>();
    work.push(new Branch(start, subst, 2));
    Map<String, List<Atom>> finished = new LinkedHashMap<>();
    int steps = 0;
    while (!work.isEmpty()) {
      if (++steps > MAX_BRANCHES * 16) {
        throw new Unsupported("unfolding takes too many steps");
      }
      Branch b = work.pop();
      int goal = firstGoal(b);
      if (goal < 0) {
        finish(b, finished);
        if (finished.size() > MAX_BRANCHES) {
          throw new Unsupported("more than " + MAX_BRANCHES + " branches");
        }
        continue;
      }
      List<Branch> alternatives = expand(b, goal);
      for (int i = alternatives.size() - 1; i >= 0; i--) {
        work.push(alternatives.get(i));
      }
    }
    return new FastPlan(program, new ArrayList<>(finished.values()));
  }

  private static int firstGoal(Branch b) {
    for (int i = 0; i < b.atoms.size(); i++) {
      if (b.atoms.get(i) instanceof Goal) {
        return i;
      }
    }
    return -1;
  }

  private List<Branch> expand(Branch b, int index) {
    Goal goal = (Goal) b.atoms.get(index);
    if (goal.path.length >= MAX_DEPTH) {
      throw new Unsupported("calls nest deeper than " + MAX_DEPTH);
    }
    List<Branch> out = new ArrayList<>();
    if (goal.pred.relation >= 0) {
      Branch stored = b.copy();
      stored.atoms.set(index, new Lookup(goal.pred.relation, goal.args.clone()));
      out.add(stored);
    }
    for (CRule rule : goal.candidates) {
      Branch alt = b.copy();
      alt.atoms.remove(index);
      if (instantiate(alt, goal, rule, index)) {
        for (CRule seen : goal.path) {
          if (seen == rule) {
            throw new Unsupported("rule " + rule + " is recursive");
          }
        }
        out.add(alt);
      }
    }
    return out;
  }

  /** Adds a rule's head unification and body to a branch; false when the rule cannot apply. */
  private boolean instantiate(Branch b, Goal goal, CRule rule, int at) {
    int[] map = new int[rule.slots];
    Arrays.fill(map, UNSET);
    List<Atom> added = new ArrayList<>();
    for (int i = 0; i < rule.arity; i++) {
      int h = rule.head[i];
      int a = goal.args[i];
      if (h == Op.NOW || a == Op.NOW) {
        throw new Unsupported("@current_unix_time in a call or head");
      }
      int term = h;
      if (Op.isSlot(h)) {
        if (map[h] == UNSET) {
          map[h] = a;
        } else if (!unify(b, map[h], a)) {
          return false;
        }
        term = map[h];
      } else if (!unify(b, h, a)) {
        return false;
      }
      if (rule.headType[i] >= 0) {
        added.add(new Check(term, rule.headType[i], false));
      }
    }
    b.atoms.addAll(at, added);
    if (dead(b)) {
      // the head cannot match: the body is never looked at, whatever it contains
      return false;
    }
    CRule[] path = Arrays.copyOf(goal.path, goal.path.length + 1);
    path[goal.path.length] = rule;
    List<Atom> body = new ArrayList<>();
    for (Op op : rule.body) {
      Atom atom = atom(b, op, map, path);
      if (atom != null) {
        body.add(atom);
      }
    }
    b.atoms.addAll(Math.min(at, b.atoms.size()), body);
    return !dead(b);
  }

  /** Returns the atom of a body op, or null for an op consumed by substitution. */
  private Atom atom(Branch b, Op op, int[] map, CRule[] path) {
    if (op instanceof Op.Call) {
      Op.Call call = (Op.Call) op;
      if (call.negated()) {
        throw new Unsupported("negation of '" + call.pred() + "'");
      }
      int[] args = new int[call.args().length];
      for (int i = 0; i < args.length; i++) {
        args[i] = term(b, call.args()[i], map);
      }
      return new Goal(call.pred(), args, call.candidates(), path);
    } else if (op instanceof Op.Matches) {
      Op.Matches m = (Op.Matches) op;
      return new Check(term(b, m.slot(), map), m.type(), m.exact());
    } else if (op instanceof Op.Unify) {
      Op.Unify u = (Op.Unify) op;
      if (!unify(b, term(b, u.left(), map), term(b, u.right(), map))) {
        // a unification that fails statically: mark the branch dead with an impossible test
        return new Check(Op.constRef(0), -1, true);
      }
      return null;
    } else if (op instanceof Op.In) {
      Op.In in = (Op.In) op;
      return new InSet(term(b, in.term(), map), in.values().clone());
    } else if (op instanceof Op.Compare) {
      throw new Unsupported("comparison");
    }
    throw new AssertionError("unknown op " + op);
  }

  private static int term(Branch b, int ref, int[] map) {
    if (ref == Op.NOW) {
      throw new Unsupported("@current_unix_time");
    }
    if (!Op.isSlot(ref)) {
      return ref;
    }
    if (map[ref] == UNSET) {
      map[ref] = b.fresh();
    }
    return map[ref];
  }

  /** Unifies two terms by substitution; false when they are different constants. */
  private static boolean unify(Branch b, int x, int y) {
    int l = b.deref(x);
    int r = b.deref(y);
    if (l == r) {
      return true;
    }
    if (l < 0 && r < 0) {
      return false;
    }
    if (l <= RESOURCE) {
      int t = l;
      l = r;
      r = t;
    }
    if (l <= RESOURCE) {
      throw new Unsupported("a rule constrains the actor or the resource to a value");
    }
    b.subst[l] = r;
    return true;
  }

  /**
   * Applies static tests (types of the actor, the resource and constants) and drops the branch when
   * two type tests of one variable cannot both hold; true if the branch cannot succeed.
   */
  private boolean dead(Branch b) {
    return staticTestFails(b) || typesConflict(b);
  }

  private boolean typesConflict(Branch b) {
    for (int i = 0; i < b.atoms.size(); i++) {
      if (b.atoms.get(i) instanceof Check) {
        Check c = (Check) b.atoms.get(i);
        for (int j = i + 1; j < b.atoms.size(); j++) {
          if (b.atoms.get(j) instanceof Check) {
            Check d = (Check) b.atoms.get(j);
            if (b.deref(c.term) == b.deref(d.term) && !compatible(c, d)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private boolean compatible(Check c, Check d) {
    if (c.exact && d.exact) {
      return c.type == d.type;
    }
    if (c.exact) {
      return types.isSub(c.type, d.type);
    }
    if (d.exact) {
      return types.isSub(d.type, c.type);
    }
    return types.overlap(c.type, d.type);
  }

  private boolean staticTestFails(Branch b) {
    for (int i = 0; i < b.atoms.size(); i++) {
      Atom atom = b.atoms.get(i);
      if (atom instanceof Check) {
        Check c = (Check) atom;
        int t = staticType(b.deref(c.term));
        if (c.type < 0) {
          return true;
        }
        if (t != UNSET) {
          if (!(c.exact ? t == c.type : types.isSub(t, c.type))) {
            return true;
          }
          b.atoms.remove(i--);
        }
      } else if (atom instanceof InSet) {
        InSet in = (InSet) atom;
        int t = b.deref(in.term);
        if (t < 0) {
          if (!contains(in.values, Op.constValue(t))) {
            return true;
          }
          b.atoms.remove(i--);
        }
      }
    }
    return false;
  }

  private int staticType(int term) {
    if (term == ACTOR) {
      return actorType;
    }
    if (term == RESOURCE) {
      return resourceType;
    }
    if (term < 0) {
      int v = Op.constValue(term);
      return v >= 0 ? values.typeOf(v) : Types.UNKNOWN;
    }
    return UNSET;
  }

  static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  /** Orders a finished branch and adds it unless an identical one is there. */
  private void finish(Branch b, Map<String, List<Atom>> finished) {
    List<Atom> atoms = new ArrayList<>();
    for (Atom atom : b.atoms) {
      atoms.add(derefAtom(b, atom));
    }
    List<Atom> ordered = order(withoutRedundantChecks(atoms), b.vars);
    int[] renumber = new int[b.vars];
    Arrays.fill(renumber, -1);
    renumber[ACTOR] = ACTOR;
    renumber[RESOURCE] = RESOURCE;
    int[] next = {2};
    StringBuilder key = new StringBuilder();
    List<Atom> renamed = new ArrayList<>();
    for (Atom atom : ordered) {
      Atom r = rename(atom, renumber, next);
      renamed.add(r);
      key.append(describe(r)).append(';');
    }
    finished.putIfAbsent(key.toString(), renamed);
  }

  /** Drops repeated atoms and type tests implied by another test of the same variable. */
  private List<Atom> withoutRedundantChecks(List<Atom> atoms) {
    List<Atom> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Atom atom : atoms) {
      if (seen.add(describe(atom)) && !implied(atom, atoms)) {
        out.add(atom);
      }
    }
    return out;
  }

  private boolean implied(Atom atom, List<Atom> atoms) {
    if (!(atom instanceof Check) || ((Check) atom).exact) {
      return false;
    }
    Check c = (Check) atom;
    for (Atom other : atoms) {
      if (other instanceof Check && other != atom) {
        Check d = (Check) other;
        if (d.term == c.term && d.type != c.type && types.isSub(d.type, c.type)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Atom derefAtom(Branch b, Atom atom) {
    if (atom instanceof Lookup) {
      Lookup l = (Lookup) atom;
      int[] args = new int[l.args.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = b.deref(l.args[i]);
      }
      return new Lookup(l.relation, args);
    } else if (atom instanceof Check) {
      Check c = (Check) atom;
      return new Check(b.deref(c.term), c.type, c.exact);
    } else if (atom instanceof InSet) {
      InSet in = (InSet) atom;
      return new InSet(b.deref(in.term), in.values);
    }
    throw new AssertionError("unexpected atom " + atom);
  }

  /**
   * Orders the atoms greedily: the lookup with every argument bound, else the one with the most
   * bound arguments; {@code in} tests as soon as their variable is bound, type tests last.
   */
  private static List<Atom> order(List<Atom> atoms, int vars) {
    boolean[] bound = new boolean[vars];
    bound[ACTOR] = true;
    bound[RESOURCE] = true;
    List<Atom> rest = new ArrayList<>(atoms);
    List<Atom> out = new ArrayList<>();
    while (true) {
      flushTests(rest, bound, out, false);
      Lookup best = null;
      int bestScore = -1;
      for (Atom a : rest) {
        if (a instanceof Lookup) {
          int score = lookupScore((Lookup) a, bound);
          if (score > bestScore) {
            best = (Lookup) a;
            bestScore = score;
          }
        }
      }
      if (best == null) {
        flushTests(rest, bound, out, true);
        break;
      }
      rest.remove(best);
      out.add(best);
      for (int arg : best.args) {
        if (arg >= 0) {
          bound[arg] = true;
        }
      }
    }
    if (!rest.isEmpty()) {
      throw new Unsupported("a variable is only type-tested, never looked up");
    }
    return out;
  }

  /**
   * Moves the ready tests to the output: {@code in} tests at once, type tests (which read the value
   * table, likely a cache miss) only when {@code types} is set, that is after the last lookup: the
   * lookups of a branch usually follow single links (a resource's parent) and touch rows the
   * question reads anyway, so a denied question rarely pays for the type test at all.
   */
  private static void flushTests(List<Atom> rest, boolean[] bound, List<Atom> out, boolean types) {
    for (int i = 0; i < rest.size(); i++) {
      Atom a = rest.get(i);
      if ((a instanceof InSet || (types && a instanceof Check)) && isBound(testTerm(a), bound)) {
        out.add(a);
        rest.remove(i--);
      }
    }
  }

  private static int testTerm(Atom a) {
    return a instanceof Check ? ((Check) a).term : ((InSet) a).term;
  }

  private static boolean isBound(int term, boolean[] bound) {
    return term < 0 || bound[term];
  }

  private static int lookupScore(Lookup l, boolean[] bound) {
    int boundArgs = 0;
    int boundVars = 0;
    for (int arg : l.args) {
      if (isBound(arg, bound)) {
        boundArgs++;
        boundVars += arg >= 0 ? 1 : 0;
      }
    }
    return (boundArgs == l.args.length ? ALL_BOUND : 0) + boundVars * 10 + boundArgs;
  }

  private static Atom rename(Atom atom, int[] renumber, int[] next) {
    if (atom instanceof Lookup) {
      Lookup l = (Lookup) atom;
      int[] args = new int[l.args.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = renameTerm(l.args[i], renumber, next);
      }
      return new Lookup(l.relation, args);
    } else if (atom instanceof Check) {
      Check c = (Check) atom;
      return new Check(renameTerm(c.term, renumber, next), c.type, c.exact);
    }
    InSet in = (InSet) atom;
    return new InSet(renameTerm(in.term, renumber, next), in.values);
  }

  private static int renameTerm(int term, int[] renumber, int[] next) {
    if (term < 0) {
      return term;
    }
    if (renumber[term] < 0) {
      renumber[term] = next[0]++;
    }
    return renumber[term];
  }

  static String describe(Atom atom) {
    if (atom instanceof Lookup) {
      return "L" + ((Lookup) atom).relation + Arrays.toString(((Lookup) atom).args);
    } else if (atom instanceof Check) {
      Check c = (Check) atom;
      return "T" + c.term + (c.exact ? "=" : "<") + c.type;
    }
    if (atom instanceof SetLookup) {
      SetLookup s = (SetLookup) atom;
      return "S" + s.position + Arrays.toString(s.constants) + describe(s.lookup);
    }
    if (atom instanceof Goal) {
      return "G" + ((Goal) atom).pred + Arrays.toString(((Goal) atom).args);
    }
    InSet in = (InSet) atom;
    return "I" + in.term + Arrays.toString(in.values);
  }
}
