package dev.osoj.internal.polar;

import dev.osoj.SourceSpan;
import dev.osoj.Value;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import dev.osoj.internal.program.TypeHierarchy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one rule says statically about the types of its variables: typed head parameters, {@code
 * matches}, and {@code x = constant}; plus which variables take part in an ordering comparison.
 */
final class StaticTypes {
  /** One type constraint on a variable and where it comes from. */
  static final class Constraint {
    final String type;
    final SourceSpan span;

    Constraint(String type, SourceSpan span) {
      this.type = type;
      this.span = span;
    }
  }

  private final Map<String, List<Constraint>> constraints = new LinkedHashMap<>();
  private final Set<String> compared = new HashSet<>();

  StaticTypes(Rule rule) {
    for (Param p : rule.head()) {
      if (p.type() != null && p.term() instanceof Term.Var) {
        add(((Term.Var) p.term()).name(), p.type(), rule.span());
      }
    }
    for (Literal l : rule.body()) {
      collect(l);
    }
  }

  private void collect(Literal l) {
    if (l instanceof Literal.Matches) {
      Literal.Matches m = (Literal.Matches) l;
      add(m.var().name(), m.type(), m.span());
    } else if (l instanceof Literal.Unify) {
      Literal.Unify u = (Literal.Unify) l;
      unify(u.left(), u.right(), u.span());
      unify(u.right(), u.left(), u.span());
    } else if (l instanceof Literal.Compare) {
      Literal.Compare c = (Literal.Compare) l;
      if (c.op() != Literal.Op.NE) {
        Vars.add(c.left(), compared);
        Vars.add(c.right(), compared);
      }
    }
  }

  private void unify(Term var, Term other, SourceSpan span) {
    if (!(var instanceof Term.Var)) {
      return;
    }
    if (other instanceof Term.Const) {
      add(((Term.Var) var).name(), ((Term.Const) other).value().type(), span);
    } else if (other instanceof Term.Now) {
      add(((Term.Var) var).name(), Value.INTEGER, span);
    }
  }

  private void add(String var, String type, SourceSpan span) {
    constraints.computeIfAbsent(var, k -> new ArrayList<>()).add(new Constraint(type, span));
  }

  /** Returns the constraints on a variable, in source order. */
  List<Constraint> of(String var) {
    return constraints.getOrDefault(var, List.of());
  }

  /** Returns every constrained variable. */
  Map<String, List<Constraint>> all() {
    return constraints;
  }

  /**
   * Returns the static type of a term for fact signatures (§6): a constant's type, {@code Integer}
   * for the time, the most specific constraint of a variable, {@code Integer} for a variable in an
   * ordering comparison, else {@code Any}.
   */
  String typeOf(Term term, TypeHierarchy types) {
    if (term instanceof Term.Const) {
      return ((Term.Const) term).value().type();
    } else if (term instanceof Term.Now) {
      return Value.INTEGER;
    }
    String name = ((Term.Var) term).name();
    String best = null;
    for (Constraint c : of(name)) {
      if (best == null || types.isSubtype(c.type, best)) {
        best = c.type;
      }
    }
    if (best != null) {
      return best;
    }
    return compared.contains(name) ? Value.INTEGER : TypeHierarchy.ANY;
  }
}
