package dev.osoj.internal.plan;

import dev.osoj.Value;
import dev.osoj.internal.program.Term;
import dev.osoj.sql.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One partial branch of the unfolding: a substitution, type constraints, the relations joined so
 * far (atoms) and the conditions deferred until every variable is bound (comparisons, negations).
 * Immutable: every step returns a new state, or null when the branch dies.
 */
final class State {
  static final State EMPTY = new State(Map.of(), Map.of(), List.of(), List.of());

  /**
   * A relation joined into the branch with the terms of its columns.
   *
   * @param rel the relation
   * @param args one term per column
   */
  record Atom(Plan rel, List<Term> args) {}

  final Map<String, Term> subst;
  final Map<String, Types.Allowed> types;
  final List<Atom> atoms;
  final List<Planner.Goal> deferred;

  private State(
      Map<String, Term> subst,
      Map<String, Types.Allowed> types,
      List<Atom> atoms,
      List<Planner.Goal> deferred) {
    this.subst = subst;
    this.types = types;
    this.atoms = atoms;
    this.deferred = deferred;
  }

  Term walk(Term t) {
    Term cur = t;
    while (cur instanceof Term.Var) {
      Term next = subst.get(((Term.Var) cur).name());
      if (next == null) {
        return cur;
      }
      cur = next;
    }
    return cur;
  }

  Types.Allowed allowed(Term.Var v) {
    return types.getOrDefault(v.name(), Types.Allowed.ANY);
  }

  @Nullable State unify(Term a, Term b) {
    Term x = walk(a);
    Term y = walk(b);
    if (x instanceof Term.Const && y instanceof Term.Const) {
      return Params.same(((Term.Const) x).value(), ((Term.Const) y).value()) ? this : null;
    }
    if (x instanceof Term.Var && y instanceof Term.Var && x.equals(y)) {
      return this;
    }
    Term.Var v = (Term.Var) (x instanceof Term.Var ? x : y);
    Term other = x instanceof Term.Var ? y : x;
    Map<String, Term> s2 = new HashMap<>(subst);
    s2.put(v.name(), other);
    State moved = new State(s2, types, atoms, deferred);
    Types.Allowed allowed = allowed(v);
    return allowed.names() == null ? moved : moved.constrain(other, allowed);
  }

  @Nullable State constrain(Term t, Types.Allowed allowed) {
    Term x = walk(t);
    if (x instanceof Term.Const) {
      return allowed.permits(((Term.Const) x).value().type()) ? this : null;
    }
    Term.Var v = (Term.Var) x;
    Types.Allowed merged = allowed(v).intersect(allowed);
    if (merged.isEmpty()) {
      return null;
    }
    Map<String, Types.Allowed> t2 = new HashMap<>(types);
    t2.put(v.name(), merged);
    return new State(subst, t2, atoms, deferred);
  }

  State defer(Planner.Goal g) {
    List<Planner.Goal> d = new ArrayList<>(deferred);
    d.add(g);
    return new State(subst, types, atoms, d);
  }

  State atom(Plan rel, List<Term> args) {
    List<Atom> a = new ArrayList<>(atoms);
    a.add(new Atom(rel, List.copyOf(args)));
    return new State(subst, types, a, deferred);
  }

  /**
   * Joins a stored relation; a relation of at most one known tuple is unified instead, so memory
   * and context facts turn into constants.
   */
  @Nullable State relation(Plan rel, List<Term> args) {
    if (rel instanceof Plan.Values && ((Plan.Values) rel).rows().size() <= 1) {
      List<List<Value>> rows = ((Plan.Values) rel).rows();
      if (rows.isEmpty()) {
        return null;
      }
      State cur = this;
      for (int i = 0; i < args.size() && cur != null; i++) {
        cur = cur.unify(args.get(i), new Term.Const(rows.get(0).get(i)));
      }
      return cur;
    }
    return atom(rel, args);
  }

  boolean isRecursive() {
    return atoms.stream().anyMatch(a -> a.rel() instanceof Plan.RecursiveRef);
  }
}
