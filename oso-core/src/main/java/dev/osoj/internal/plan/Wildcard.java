package dev.osoj.internal.plan;

import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import dev.osoj.sql.Plan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A non-recursive answer of a recursive predicate that holds for every value (of some types) at
 * some head positions, such as {@code has_role(a, "member", _: Org) if has_role(a, "root")}. A SQL
 * recursive relation cannot hold "every value", so the planner keeps such answers outside the
 * fixpoint: each call of the predicate gets one extra branch per wildcard (the guard joined, the
 * wildcard positions only type-checked), and the recursive rules are applied to the wildcard to
 * find the concrete tuples it derives (they become seeds of the fixpoint).
 *
 * @param guard the condition, one column per {@link Slot#column} position
 * @param slots one per head position
 * @param types per wildcard variable (canonical names {@code w0}, {@code w1}…), its allowed types
 */
record Wildcard(Plan guard, List<Slot> slots, Map<String, Types.Allowed> types) {

  /**
   * One head position: a constant, a column of the guard, or a wildcard variable.
   *
   * @param constant the constant, or null
   * @param column the guard column, or -1
   * @param var the wildcard variable, or null
   */
  record Slot(Term.@Nullable Const constant, int column, @Nullable String var) {}

  /**
   * Returns the wildcard of a finished non-recursive branch of a fixpoint, or null when every head
   * position is bound.
   */
  static @Nullable Wildcard of(Planner planner, State s, List<Term> head, @Nullable Rule rule) {
    Set<String> bound = new HashSet<>();
    for (State.Atom a : s.atoms) {
      for (Term t : a.args()) {
        Term w = planner.walk(t, s);
        if (w instanceof Term.Var) {
          bound.add(((Term.Var) w).name());
        }
      }
    }
    List<Term> columns = new ArrayList<>();
    List<Slot> slots = new ArrayList<>();
    Map<String, String> canonical = new HashMap<>();
    Map<String, Types.Allowed> types = new HashMap<>();
    for (Term h : head) {
      Term t = planner.walk(h, s);
      if (t instanceof Term.Const) {
        slots.add(new Slot((Term.Const) t, -1, null));
      } else if (bound.contains(((Term.Var) t).name())) {
        slots.add(new Slot(null, columns.size(), null));
        columns.add(t);
      } else {
        String name = ((Term.Var) t).name();
        String c = canonical.computeIfAbsent(name, k -> "w" + canonical.size());
        types.put(c, s.allowed((Term.Var) t));
        slots.add(new Slot(null, -1, c));
      }
    }
    if (canonical.isEmpty()) {
      return null;
    }
    Plan guard = new Assembler(planner, s).build(columns, null, rule);
    return new Wildcard(guard, List.copyOf(slots), Map.copyOf(types));
  }

  /** Adds this wildcard as the answer of a call with the given (walked) arguments. */
  @Nullable State apply(State s, List<Term> args) {
    State cur = s;
    List<Term> columnArgs =
        new ArrayList<>(Collections.nCopies(guard.arity(), (Term) new Term.Var("_")));
    Map<String, Term> seen = new HashMap<>();
    for (int i = 0; i < slots.size() && cur != null; i++) {
      Slot slot = slots.get(i);
      Term a = args.get(i);
      if (slot.constant() != null) {
        cur = cur.unify(a, slot.constant());
      } else if (slot.var() == null) {
        columnArgs.set(slot.column(), a);
      } else {
        Term prev = seen.putIfAbsent(slot.var(), a);
        if (prev != null) {
          cur = cur.unify(a, prev);
        }
        if (cur != null) {
          cur = cur.constrain(a, types.get(slot.var()));
        }
      }
    }
    if (cur == null || isTrivial()) {
      return cur;
    }
    return cur.atom(guard, columnArgs);
  }

  private boolean isTrivial() {
    return guard instanceof Plan.Project
        && guard.arity() == 0
        && ((Plan.Project) guard).input() instanceof Plan.Constant
        && ((Plan.Constant) ((Plan.Project) guard).input()).value();
  }
}
