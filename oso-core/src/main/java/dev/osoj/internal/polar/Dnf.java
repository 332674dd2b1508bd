package dev.osoj.internal.polar;

import dev.osoj.internal.program.Literal;
import java.util.ArrayList;
import java.util.List;

/**
 * Disjunctive normal form over body literals: a list of alternatives, each a conjunction. The empty
 * list is {@code false}; a list holding one empty conjunction is {@code true}.
 */
final class Dnf {
  /** Upper bound on the alternatives one body may expand to. */
  static final int MAX_ALTERNATIVES = 4096;

  private Dnf() {}

  /**
   * Returns the conjunction of two forms: every alternative of the first joined with every one of
   * the second, capped at {@link #MAX_ALTERNATIVES} (callers report the overflow).
   */
  static List<List<Literal>> product(List<List<Literal>> left, List<List<Literal>> right) {
    List<List<Literal>> out = new ArrayList<>();
    for (List<Literal> l : left) {
      for (List<Literal> r : right) {
        if (out.size() == MAX_ALTERNATIVES) {
          return out;
        }
        List<Literal> joined = new ArrayList<>(l.size() + r.size());
        joined.addAll(l);
        joined.addAll(r);
        out.add(joined);
      }
    }
    return out;
  }
}
