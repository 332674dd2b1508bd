package dev.osoj.internal.polar;

import dev.osoj.SourceSpan;
import dev.osoj.Value;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.program.ProgramPrinter;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import dev.osoj.internal.program.TypeHierarchy;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that need every rule and the full type hierarchy (polar.md §3.4, §3.5, §3.9).
 *
 * <ul>
 *   <li>{@code TypeError}: a variable constrained to two types that share no value (no subtype
 *       relation and no declared common subtype); an operand of {@code < <= > >=} that is not an
 *       {@code Integer} ([choice]).
 *   <li>{@code InvalidNegation}: {@code not} over a predicate that some rule with a body defines
 *       (strict negation, the default; bodiless rules count as stored facts). Extended negation
 *       checks stratification instead ({@link Stratification}).
 *   <li>{@code RuleTypeMismatch}: a rule whose name and arity have user {@code type} declarations
 *       but which fits none of them. A parameter fits a typed rule-type position when its type
 *       (typed parameter or literal) is a subtype; an untyped parameter fits only an untyped
 *       position; a literal position needs the same literal ([choice], after OSS). The default
 *       {@code allow} is exempt.
 *   <li>{@code UnknownPredicate} warning: a call to a predicate that has no rules and no {@code
 *       declare}, when its name is a likely misspelling of one that has.
 * </ul>
 */
final class RuleChecker {
  private static final Set<String> BUILT_IN_PREDICATES =
      Set.of("has_role", "has_permission", "has_relation", "allow");

  private final Diagnostics diagnostics;
  private final TypeHierarchy types;

  RuleChecker(Diagnostics diagnostics, TypeHierarchy types) {
    this.diagnostics = diagnostics;
    this.types = types;
  }

  /** A user-written {@code type} statement. */
  static final class RuleType {
    final List<Param> params;
    final String text;

    RuleType(List<Param> params, String text) {
      this.params = params;
      this.text = text;
    }
  }

  void checkTypes(Rule rule, StaticTypes st) {
    st.all().forEach((var, constraints) -> contradictions(var, constraints));
    for (Literal l : rule.body()) {
      if (l instanceof Literal.Compare && ((Literal.Compare) l).op() != Literal.Op.NE) {
        Literal.Compare c = (Literal.Compare) l;
        integerOperand(c, c.left(), st);
        integerOperand(c, c.right(), st);
      }
    }
  }

  private void contradictions(String var, List<StaticTypes.Constraint> constraints) {
    for (int i = 1; i < constraints.size(); i++) {
      for (int j = 0; j < i; j++) {
        String a = constraints.get(j).type;
        String b = constraints.get(i).type;
        if (!compatible(a, b)) {
          diagnostics.error(
              "TypeError",
              constraints.get(i).span,
              "variable '" + var + "' cannot be both '" + a + "' and '" + b + "'");
          return;
        }
      }
    }
  }

  private boolean compatible(String a, String b) {
    if (types.isSubtype(a, b) || types.isSubtype(b, a)) {
      return true;
    }
    Set<String> common = new HashSet<>(types.declaredSubtypes(a));
    common.retainAll(types.declaredSubtypes(b));
    return !common.isEmpty();
  }

  private void integerOperand(Literal.Compare c, Term operand, StaticTypes st) {
    if (operand instanceof Term.Const) {
      Value v = ((Term.Const) operand).value();
      if (!v.type().equals(Value.INTEGER)) {
        diagnostics.error(
            "TypeError",
            c.span(),
            "'"
                + c.op().symbol()
                + "' compares integers, but '"
                + ProgramPrinter.term(operand)
                + "' is a '"
                + v.type()
                + "'");
      }
    } else if (operand instanceof Term.Var) {
      String name = ((Term.Var) operand).name();
      for (StaticTypes.Constraint constraint : st.of(name)) {
        if (!compatible(constraint.type, Value.INTEGER)) {
          diagnostics.error(
              "TypeError",
              c.span(),
              "'"
                  + c.op().symbol()
                  + "' compares integers, but variable '"
                  + name
                  + "' is a '"
                  + constraint.type
                  + "'");
          return;
        }
      }
    }
  }

  /** Strict typing: body-only call arguments need a static type (see {@link Typing#STRICT}). */
  void checkStrictTyping(Rule rule, StaticTypes st) {
    Set<String> head = new HashSet<>();
    rule.head().forEach(p -> Vars.add(p.term(), head));
    Set<String> typed = typedVariables(rule, st);
    Set<String> reported = new HashSet<>();
    for (Literal l : rule.body()) {
      if (!(l instanceof Literal.Call)) {
        continue;
      }
      for (Term arg : ((Literal.Call) l).args()) {
        if (!(arg instanceof Term.Var)) {
          continue;
        }
        String name = ((Term.Var) arg).name();
        if (!head.contains(name)
            && !typed.contains(name)
            && !name.startsWith("_")
            && reported.add(name)) {
          diagnostics.error(
              "TypeError",
              l.span(),
              "variable '"
                  + name
                  + "' has no static type; add '"
                  + name
                  + " matches <Type>' (strict typing)");
        }
      }
    }
  }

  private static Set<String> typedVariables(Rule rule, StaticTypes st) {
    Set<String> typed = new HashSet<>(st.all().keySet());
    for (Literal l : rule.body()) {
      if (l instanceof Literal.Compare && ((Literal.Compare) l).op() != Literal.Op.NE) {
        Vars.add(((Literal.Compare) l).left(), typed);
        Vars.add(((Literal.Compare) l).right(), typed);
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Literal l : rule.body()) {
        if (l instanceof Literal.Unify) {
          Literal.Unify u = (Literal.Unify) l;
          changed |= propagate(u.left(), u.right(), typed) | propagate(u.right(), u.left(), typed);
        }
      }
    }
    return typed;
  }

  private static boolean propagate(Term from, Term to, Set<String> typed) {
    return from instanceof Term.Var
        && to instanceof Term.Var
        && typed.contains(((Term.Var) from).name())
        && typed.add(((Term.Var) to).name());
  }

  /** Rejects negations of predicates that rules with a body define. */
  void checkNegations(List<Rule> rules) {
    Map<PredicateKey, Rule> derived = new LinkedHashMap<>();
    for (Rule rule : rules) {
      if (!rule.body().isEmpty()) {
        derived.putIfAbsent(new PredicateKey(rule.predicate(), rule.arity()), rule);
      }
    }
    for (Rule rule : rules) {
      for (Literal l : rule.body()) {
        if (l instanceof Literal.Not) {
          Literal.Call call = ((Literal.Not) l).call();
          Rule definer = derived.get(new PredicateKey(call.predicate(), call.arity()));
          if (definer != null) {
            diagnostics.error(
                "InvalidNegation",
                l.span(),
                "cannot negate '"
                    + call.predicate()
                    + "/"
                    + call.arity()
                    + "': it is defined by the rule at "
                    + location(definer)
                    + "; 'not' applies only to stored facts");
          }
        }
      }
    }
  }

  private static String location(Rule rule) {
    return rule.span().equals(SourceSpan.NONE) ? "'" + rule.origin() + "'" : rule.span().toString();
  }

  /** Checks rules against user {@code type} declarations. */
  void checkRuleTypes(List<Rule> rules, Map<PredicateKey, List<RuleType>> ruleTypes) {
    if (ruleTypes.isEmpty()) {
      return;
    }
    for (Rule rule : rules) {
      List<RuleType> shapes = ruleTypes.get(new PredicateKey(rule.predicate(), rule.arity()));
      if (shapes == null || rule.span().equals(SourceSpan.NONE)) {
        continue;
      }
      if (shapes.stream().noneMatch(shape -> fits(rule.head(), shape.params))) {
        StringBuilder expected = new StringBuilder();
        for (RuleType shape : shapes) {
          expected.append(expected.length() == 0 ? "" : ", ").append('\'').append(shape.text);
          expected.append('\'');
        }
        diagnostics.error(
            "RuleTypeMismatch",
            rule.span(),
            "rule '" + rule.origin() + "' matches no declared rule type; expected " + expected);
      }
    }
  }

  private boolean fits(List<Param> head, List<Param> shape) {
    for (int i = 0; i < head.size(); i++) {
      if (!fits(head.get(i), shape.get(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean fits(Param param, Param position) {
    if (position.term() instanceof Term.Const || position.term() instanceof Term.Now) {
      return param.term().equals(position.term());
    }
    String expected = position.type();
    if (expected == null) {
      return true;
    }
    if (param.term() instanceof Term.Const) {
      return types.isSubtype(((Term.Const) param.term()).value().type(), expected);
    }
    return param.type() != null && types.isSubtype(param.type(), expected);
  }

  /** Warns about calls to fact-only predicates whose names look like misspellings. */
  void warnMisspeltPredicates(List<Rule> rules, Set<String> declared) {
    Set<String> known = new HashSet<>(BUILT_IN_PREDICATES);
    known.addAll(declared);
    Set<PredicateKey> defined = new HashSet<>();
    for (Rule rule : rules) {
      known.add(rule.predicate());
      defined.add(new PredicateKey(rule.predicate(), rule.arity()));
    }
    Set<String> seen = new HashSet<>();
    for (Rule rule : rules) {
      for (Literal l : rule.body()) {
        Literal.Call call =
            l instanceof Literal.Not
                ? ((Literal.Not) l).call()
                : l instanceof Literal.Call ? (Literal.Call) l : null;
        if (call == null
            || known.contains(call.predicate())
            || defined.contains(new PredicateKey(call.predicate(), call.arity()))) {
          continue;
        }
        if (!seen.add(call.predicate())) {
          continue;
        }
        String close = Hints.closest(call.predicate(), known);
        if (close != null) {
          diagnostics.warning(
              "UnknownPredicate",
              call.span(),
              "'"
                  + call.predicate()
                  + "/"
                  + call.arity()
                  + "' has no rules and no declaration, so only facts can satisfy it; did you mean '"
                  + close
                  + "'?");
        }
      }
    }
  }
}
