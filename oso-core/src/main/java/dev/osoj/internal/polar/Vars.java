package dev.osoj.internal.polar;

import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Term;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Variable bookkeeping over compiled literals. */
final class Vars {
  private Vars() {}

  static void add(Term term, Set<String> into) {
    if (term instanceof Term.Var) {
      into.add(((Term.Var) term).name());
    }
  }

  static void addAll(List<Term> terms, Set<String> into) {
    terms.forEach(t -> add(t, into));
  }

  /** Adds the variables of one literal. */
  static void of(Literal literal, Set<String> into) {
    if (literal instanceof Literal.Call) {
      addAll(((Literal.Call) literal).args(), into);
    } else if (literal instanceof Literal.Not) {
      addAll(((Literal.Not) literal).call().args(), into);
    } else if (literal instanceof Literal.Unify) {
      add(((Literal.Unify) literal).left(), into);
      add(((Literal.Unify) literal).right(), into);
    } else if (literal instanceof Literal.Compare) {
      add(((Literal.Compare) literal).left(), into);
      add(((Literal.Compare) literal).right(), into);
    } else if (literal instanceof Literal.In) {
      add(((Literal.In) literal).term(), into);
    } else if (literal instanceof Literal.Matches) {
      add(((Literal.Matches) literal).var(), into);
    } else {
      throw new AssertionError("unknown literal " + literal);
    }
  }

  /**
   * Returns the range-restricted variables: head variables, variables of positive calls, of {@code
   * x in [...]}, and (to a fixpoint) of {@code x = t} with {@code t} a constant or bound.
   */
  static Set<String> bound(List<Literal> body, Set<String> head, Set<String> positive) {
    Set<String> bound = new HashSet<>(head);
    bound.addAll(positive);
    for (Literal l : body) {
      if (l instanceof Literal.In) {
        add(((Literal.In) l).term(), bound);
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Literal l : body) {
        if (l instanceof Literal.Unify) {
          Literal.Unify u = (Literal.Unify) l;
          changed |= bindEither(u.left(), u.right(), bound);
        }
      }
    }
    return bound;
  }

  private static boolean bindEither(Term left, Term right, Set<String> bound) {
    boolean leftBound = isBound(left, bound);
    boolean rightBound = isBound(right, bound);
    if (leftBound && !rightBound) {
      return bound.add(((Term.Var) right).name());
    }
    if (rightBound && !leftBound) {
      return bound.add(((Term.Var) left).name());
    }
    return false;
  }

  private static boolean isBound(Term term, Set<String> bound) {
    return !(term instanceof Term.Var) || bound.contains(((Term.Var) term).name());
  }
}
