package dev.osoj.internal.polar;

import dev.osoj.Value;
import dev.osoj.internal.program.FactSignatures;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import dev.osoj.internal.program.TypeHierarchy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the accepted fact signatures of polar.md §6: one signature per call in a rewritten rule
 * body (positive or negated, the default {@code allow} included), one per rule head, one per {@code
 * declare}. A literal position becomes its type ([choice] §6 step 4), so {@code has_relation(r,
 * "parent", o)} accepts any relation name.
 */
final class SignatureBuilder {
  private final TypeHierarchy types;
  private final Map<String, Set<List<String>>> byPredicate = new LinkedHashMap<>();

  SignatureBuilder(TypeHierarchy types) {
    this.types = types;
  }

  /** Adds the head and every call of a rule. */
  void addRule(Rule rule, StaticTypes st) {
    List<String> head = new ArrayList<>();
    for (Param p : rule.head()) {
      head.add(headType(p));
    }
    add(rule.predicate(), head);
    for (Literal l : rule.body()) {
      Literal.Call call = null;
      if (l instanceof Literal.Call) {
        call = (Literal.Call) l;
      } else if (l instanceof Literal.Not) {
        call = ((Literal.Not) l).call();
      }
      if (call != null) {
        List<String> signature = new ArrayList<>();
        call.args().forEach(arg -> signature.add(st.typeOf(arg, types)));
        add(call.predicate(), signature);
      }
    }
  }

  private static String headType(Param p) {
    if (p.type() != null) {
      return p.type();
    } else if (p.term() instanceof Term.Const) {
      return ((Term.Const) p.term()).value().type();
    } else if (p.term() instanceof Term.Now) {
      return Value.INTEGER;
    }
    return TypeHierarchy.ANY;
  }

  /** Adds a {@code declare} signature. */
  void add(String predicate, List<String> signature) {
    byPredicate.computeIfAbsent(predicate, k -> new LinkedHashSet<>()).add(List.copyOf(signature));
  }

  FactSignatures build() {
    return new FactSignatures(byPredicate);
  }
}
