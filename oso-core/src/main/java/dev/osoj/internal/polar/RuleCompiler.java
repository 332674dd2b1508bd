package dev.osoj.internal.polar;

import dev.osoj.SourceSpan;
import dev.osoj.Value;
import dev.osoj.internal.polar.ast.Call;
import dev.osoj.internal.polar.ast.CompareOp;
import dev.osoj.internal.polar.ast.Expr;
import dev.osoj.internal.polar.ast.Head;
import dev.osoj.internal.polar.ast.Item;
import dev.osoj.internal.polar.ast.Name;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compiles ordinary rules (and {@code iff} conditions) from the syntax tree into {@link Rule}s.
 *
 * <ul>
 *   <li>Bodies are put in disjunctive normal form: one {@code Rule} per alternative, {@code true}
 *       dropped, alternatives containing {@code false} dropped (a rule whose body is {@code false}
 *       produces no rule at all).
 *   <li>Each {@code _} becomes a fresh variable {@code _1}, {@code _2}, … (skipping names the rule
 *       already uses).
 *   <li>{@code not} must apply to one call ({@code InvalidNegation}); every variable of a negated
 *       call must occur in a positive call of the same alternative, the head is not enough
 *       ([choice] §3.5); {@code _} and variables named {@code _x} used only inside the negation are
 *       quantified inside it ({@code UnsafeVariable} otherwise).
 *   <li>Range restriction ([choice] §3.4): every variable that is not in the head must occur in a
 *       positive call, in {@code x in [...]}, or in {@code x = t} with {@code t} bound. Static
 *       types of such variables are required only with {@link Typing#STRICT} (checked by {@link
 *       RuleChecker}).
 *   <li>{@code in} lists hold literals: strings, or ([choice]) integers, booleans and entities with
 *       an {@code InWithNonString} warning; variables are a {@code TypeError}.
 *   <li>A named variable occurring once (not starting with {@code _}) gets a {@code
 *       SingletonVariable} warning.
 *   <li>Rule flags ({@code @name}) are {@code UnsupportedSyntax}.
 * </ul>
 *
 * <p>With {@link Negation#EXTENDED}, {@code not} may also apply to a compound condition (a
 * conjunction, a disjunction, a comparison, another negation): the condition becomes an auxiliary
 * rule {@code not#N(shared…)} (see {@link #auxiliaryRules()}) and the negation a negated call of
 * it. Its parameters are the variables the condition shares with the rest of the rule, which must
 * occur in a positive call as for any negated call; variables that occur only inside the condition
 * are local to it and must be bound inside it. A shared variable keeps the type its head parameter
 * declares. A condition that is always true makes the negation false, one that is never true makes
 * it true. The checks that a negated predicate is not derived are the business of {@link
 * RuleChecker}, which replaces them by a stratification check in this mode.
 */
final class RuleCompiler {
  private final Diagnostics diagnostics;
  private final TypeScope scope;
  private final Terms terms;
  private final Negation negation;
  private final List<Rule> auxiliary = new ArrayList<>();
  private final Map<String, String> auxiliaryText = new HashMap<>();
  private int auxiliaryCounter;

  RuleCompiler(Diagnostics diagnostics, TypeScope scope, Terms terms) {
    this(diagnostics, scope, terms, Negation.STRICT);
  }

  RuleCompiler(Diagnostics diagnostics, TypeScope scope, Terms terms, Negation negation) {
    this.diagnostics = diagnostics;
    this.scope = scope;
    this.terms = terms;
    this.negation = negation;
  }

  /**
   * Returns the auxiliary rules made so far for negated compound conditions ({@link
   * Negation#EXTENDED} only); they belong to the program like any other rule.
   */
  List<Rule> auxiliaryRules() {
    return auxiliary;
  }

  /** Variable naming state of one rule or assertion. */
  static final class Names {
    private final Set<String> used;
    private final Set<String> fresh = new HashSet<>();
    private int counter;
    // occurrences of each named variable in the rule (or the negated condition) being compiled,
    // and the types its head declares: what a negated compound condition needs to find the
    // variables it shares with the rest
    private Map<String, List<SourceSpan>> occurrences = Map.of();
    private Map<String, String> headTypes = Map.of();

    Names(Set<String> used) {
      this.used = new HashSet<>(used);
    }

    private static Map<String, String> typesOf(List<Param> head) {
      Map<String, String> types = new HashMap<>();
      for (Param p : head) {
        if (p.term() instanceof Term.Var && p.type() != null) {
          types.put(((Term.Var) p.term()).name(), p.type());
        }
      }
      return types;
    }

    Term.Var fresh() {
      String name;
      do {
        name = "_" + (++counter);
      } while (used.contains(name));
      used.add(name);
      fresh.add(name);
      return new Term.Var(name);
    }

    boolean isFresh(String name) {
      return fresh.contains(name);
    }
  }

  /** Compiles one rule into zero or more rules. */
  List<Rule> compile(Item.Rule rule) {
    for (Name flag : rule.flags()) {
      diagnostics.error(
          "UnsupportedSyntax",
          flag.span(),
          "rule flag '@" + flag.text() + "' is internal to Oso and cannot be written in a policy");
    }
    Map<String, List<SourceSpan>> occurrences = new LinkedHashMap<>();
    VariableWalk.head(rule.head(), occurrences);
    if (rule.body() != null) {
      VariableWalk.expr(rule.body(), occurrences);
    }
    warnSingletons(occurrences);
    Names names = new Names(occurrences.keySet());
    List<Param> head = head(rule.head(), names);
    names.occurrences = occurrences;
    names.headTypes = Names.typesOf(head);
    String origin = AstText.head(rule.head()) + (rule.body() == null ? "" : " if …");
    if (rule.body() == null) {
      return List.of(new Rule(rule.head().name(), head, List.of(), rule.span(), origin));
    }
    List<Rule> out = new ArrayList<>();
    for (List<Literal> conjunction : body(rule.body(), names)) {
      checkVariables(head, conjunction, names);
      out.add(new Rule(rule.head().name(), head, conjunction, rule.span(), origin));
    }
    return out;
  }

  private void warnSingletons(Map<String, List<SourceSpan>> occurrences) {
    occurrences.forEach(
        (name, spans) -> {
          if (spans.size() == 1 && !name.startsWith("_")) {
            diagnostics.warning(
                "SingletonVariable",
                spans.get(0),
                "variable '"
                    + name
                    + "' occurs only once in the rule; if that is intended, name it '_"
                    + name
                    + "' or '_'");
          }
        });
  }

  /** Compiles head parameters (also used for rule types). */
  List<Param> head(Head head, Names names) {
    List<Param> out = new ArrayList<>();
    for (dev.osoj.internal.polar.ast.Term p : head.params()) {
      Param param = param(p, names, TypeScope.Use.PARAM);
      if (param != null) {
        out.add(param);
      }
    }
    return out;
  }

  /** Compiles a head parameter or an assertion argument; null after reporting an error. */
  @Nullable Param param(dev.osoj.internal.polar.ast.Term p, Names names, TypeScope.Use use) {
    if (p instanceof dev.osoj.internal.polar.ast.Term.Typed) {
      dev.osoj.internal.polar.ast.Term.Typed typed = (dev.osoj.internal.polar.ast.Term.Typed) p;
      Term.Var var = typed.isAnonymous() ? names.fresh() : new Term.Var(typed.name());
      boolean known = scope.resolve(typed.type(), use);
      return new Param(var, known ? typed.type().name() : null);
    } else if (p instanceof dev.osoj.internal.polar.ast.Term.Now) {
      diagnostics.error(
          "UnsupportedSyntax",
          p.span(),
          "'@current_unix_time' cannot be a parameter; compare with it in the body instead");
      return null;
    }
    Term term = term(p, names);
    return term == null ? null : new Param(term, null);
  }

  /** Compiles a variable, {@code _}, literal or {@code @current_unix_time}; null on error. */
  @Nullable Term term(dev.osoj.internal.polar.ast.Term t, Names names) {
    if (t instanceof dev.osoj.internal.polar.ast.Term.Var) {
      return new Term.Var(((dev.osoj.internal.polar.ast.Term.Var) t).name());
    } else if (t instanceof dev.osoj.internal.polar.ast.Term.Anon) {
      return names.fresh();
    } else if (t instanceof dev.osoj.internal.polar.ast.Term.Now) {
      return new Term.Now();
    } else if (Terms.isConstant(t)) {
      Value v = terms.constant(t);
      return v == null ? null : new Term.Const(v);
    } else if (t instanceof dev.osoj.internal.polar.ast.Term.Typed) {
      dev.osoj.internal.polar.ast.Term.Typed typed = (dev.osoj.internal.polar.ast.Term.Typed) t;
      diagnostics.error(
          "UnsupportedSyntax",
          t.span(),
          "typed variable '"
              + AstText.term(t)
              + "' is allowed only in rule heads; write '"
              + typed.name()
              + " matches "
              + typed.type().name()
              + "'");
      return null;
    }
    throw new AssertionError("unknown term " + t);
  }

  /** Puts a body in disjunctive normal form, checking each literal. */
  List<List<Literal>> body(Expr expr, Names names) {
    if (expr instanceof Expr.And) {
      List<List<Literal>> out = one(List.of());
      for (Expr operand : ((Expr.And) expr).operands()) {
        out = Dnf.product(out, body(operand, names));
        if (out.size() >= Dnf.MAX_ALTERNATIVES) {
          diagnostics.error(
              "UnsupportedSyntax",
              expr.span(),
              "rule body expands to more than " + Dnf.MAX_ALTERNATIVES + " alternatives");
          return List.of();
        }
      }
      return out;
    } else if (expr instanceof Expr.Or) {
      List<List<Literal>> out = new ArrayList<>();
      for (Expr operand : ((Expr.Or) expr).operands()) {
        out.addAll(body(operand, names));
      }
      return out;
    } else if (expr instanceof Expr.BoolConst) {
      return ((Expr.BoolConst) expr).value() ? one(List.of()) : List.of();
    } else if (expr instanceof Expr.Not
        && negation == Negation.EXTENDED
        && !(((Expr.Not) expr).operand() instanceof Call)) {
      return negatedCondition((Expr.Not) expr, names);
    }
    Literal literal = literal(expr, names);
    return one(literal == null ? List.of() : List.of(literal));
  }

  private static List<List<Literal>> one(List<Literal> conjunction) {
    List<List<Literal>> out = new ArrayList<>();
    out.add(conjunction);
    return out;
  }

  private @Nullable Literal literal(Expr expr, Names names) {
    if (expr instanceof Call) {
      return call((Call) expr, names);
    } else if (expr instanceof Expr.Not) {
      return negation((Expr.Not) expr, names);
    } else if (expr instanceof Expr.Unify) {
      Expr.Unify u = (Expr.Unify) expr;
      Term left = term(u.left(), names);
      Term right = term(u.right(), names);
      return left == null || right == null ? null : new Literal.Unify(left, right, u.span());
    } else if (expr instanceof Expr.Compare) {
      Expr.Compare c = (Expr.Compare) expr;
      Term left = term(c.left(), names);
      Term right = term(c.right(), names);
      return left == null || right == null
          ? null
          : new Literal.Compare(op(c.op()), left, right, c.span());
    } else if (expr instanceof Expr.In) {
      return in((Expr.In) expr, names);
    } else if (expr instanceof Expr.Matches) {
      Expr.Matches m = (Expr.Matches) expr;
      if (!scope.resolve(m.type(), TypeScope.Use.MATCHES)) {
        return null;
      }
      return new Literal.Matches(
          new Term.Var(m.var().name()), m.type().name(), m.exact(), m.span());
    }
    throw new AssertionError("unexpected expression " + expr);
  }

  private Literal.@Nullable Call call(Call call, Names names) {
    List<Term> args = new ArrayList<>();
    boolean ok = true;
    for (dev.osoj.internal.polar.ast.Term arg : call.args()) {
      Term t = term(arg, names);
      ok &= t != null;
      if (t != null) {
        args.add(t);
      }
    }
    return ok ? new Literal.Call(call.name(), args, call.span()) : null;
  }

  private @Nullable Literal negation(Expr.Not not, Names names) {
    Expr operand = not.operand();
    if (operand instanceof Call) {
      Literal.Call call = call((Call) operand, names);
      return call == null ? null : new Literal.Not(call, not.span());
    }
    String what;
    if (operand instanceof Expr.And || operand instanceof Expr.Or) {
      what = "a compound expression";
    } else if (operand instanceof Expr.Not) {
      what = "another negation";
    } else {
      what = "'" + AstText.expr(operand) + "'";
    }
    diagnostics.error(
        "InvalidNegation",
        not.span(),
        "'not' must apply to a single call, not to "
            + what
            + "; negate one fact lookup at a time (or enable extended negation)");
    return null;
  }

  /**
   * Compiles {@code not (condition)} in extended mode. The condition is put in normal form; each
   * alternative becomes an auxiliary rule {@code not#N(shared…)} over the shared variables it
   * mentions, and the negation the conjunction of their negated calls ({@code not (a or b)} is
   * {@code not a and not b}), so no auxiliary rule has a parameter its body leaves open.
   */
  private List<List<Literal>> negatedCondition(Expr.Not not, Names names) {
    Map<String, List<SourceSpan>> inside = new LinkedHashMap<>();
    VariableWalk.expr(not.operand(), inside);
    Set<String> shared = new HashSet<>();
    inside.forEach(
        (name, spans) -> {
          List<SourceSpan> all = names.occurrences.get(name);
          if (all != null && all.size() > spans.size()) {
            shared.add(name);
          }
        });
    Map<String, List<SourceSpan>> outer = names.occurrences;
    Map<String, String> outerTypes = names.headTypes;
    names.occurrences = inside;
    List<List<Literal>> alternatives;
    try {
      alternatives = body(not.operand(), names);
    } finally {
      names.occurrences = outer;
    }
    List<Literal> negations = new ArrayList<>();
    String origin = "not (" + AstText.expr(not.operand()) + ")";
    for (List<Literal> alternative : alternatives) {
      if (alternative.isEmpty()) {
        return List.of(); // the condition always holds: its negation never does
      }
      Set<String> mentioned = new java.util.LinkedHashSet<>();
      alternative.forEach(l -> Vars.of(l, mentioned));
      List<Param> params = new ArrayList<>();
      List<Term> args = new ArrayList<>();
      for (String name : mentioned) {
        if (shared.contains(name)) {
          params.add(new Param(new Term.Var(name), outerTypes.get(name)));
          args.add(new Term.Var(name));
        }
      }
      names.headTypes = Names.typesOf(params);
      checkVariables(params, alternative, names, true);
      String predicate = "not#" + (++auxiliaryCounter);
      auxiliary.add(new Rule(predicate, params, alternative, not.span(), origin));
      auxiliaryText.put(predicate, origin);
      negations.add(new Literal.Not(new Literal.Call(predicate, args, not.span()), not.span()));
    }
    names.headTypes = outerTypes;
    return one(negations); // no alternative: the condition never holds, its negation always does
  }

  private @Nullable Literal in(Expr.In in, Names names) {
    Term element = term(in.element(), names);
    List<Term.Const> values = new ArrayList<>();
    boolean warned = false;
    for (dev.osoj.internal.polar.ast.Term item : in.list()) {
      if (!Terms.isConstant(item)) {
        diagnostics.error(
            "TypeError",
            item.span(),
            "the list of 'in' may hold only literals, found '" + AstText.term(item) + "'");
        return null;
      }
      Value v = terms.constant(item);
      if (v == null) {
        return null;
      }
      if (!v.type().equals(Value.STRING) && !warned) {
        warned = true;
        diagnostics.warning(
            "InWithNonString",
            item.span(),
            "'in' lists should hold strings; '"
                + AstText.term(item)
                + "' is accepted as an extension");
      }
      values.add(new Term.Const(v));
    }
    return element == null ? null : new Literal.In(element, values, in.span());
  }

  private static Literal.Op op(CompareOp op) {
    switch (op) {
      case LT:
        return Literal.Op.LT;
      case LE:
        return Literal.Op.LE;
      case GT:
        return Literal.Op.GT;
      case GE:
        return Literal.Op.GE;
      case NE:
        return Literal.Op.NE;
      default:
        throw new AssertionError("unknown operator " + op);
    }
  }

  /** Checks negation safety and range restriction of one alternative. */
  void checkVariables(List<Param> head, List<Literal> body, Names names) {
    checkVariables(head, body, names, false);
  }

  /**
   * Checks negation safety and range restriction of one alternative; {@code headBound} for an
   * auxiliary rule of a negated condition, which is only ever called with every argument bound.
   */
  private void checkVariables(
      List<Param> head, List<Literal> body, Names names, boolean headBound) {
    Set<String> headVars = new HashSet<>();
    head.forEach(p -> Vars.add(p.term(), headVars));
    Set<String> positive = new HashSet<>(headBound ? headVars : Set.of());
    Set<String> outsideNot = new HashSet<>(headVars);
    for (Literal l : body) {
      if (l instanceof Literal.Call) {
        Vars.addAll(((Literal.Call) l).args(), positive);
      }
      if (!(l instanceof Literal.Not)) {
        Vars.of(l, outsideNot);
      }
    }
    Set<String> reported = new HashSet<>();
    for (Literal l : body) {
      if (l instanceof Literal.Not) {
        checkNegated((Literal.Not) l, positive, outsideNot, names, reported);
      }
    }
    reportUnbound(body, Vars.bound(body, headVars, positive), names, reported);
  }

  private void reportUnbound(
      List<Literal> body, Set<String> bound, Names names, Set<String> reported) {
    for (Literal l : body) {
      if (l instanceof Literal.Not) {
        continue;
      }
      Set<String> vars = new java.util.LinkedHashSet<>();
      Vars.of(l, vars);
      for (String v : vars) {
        if (!bound.contains(v) && reported.add(v)) {
          String shown = names.isFresh(v) ? "_" : v;
          diagnostics.error(
              "UnsafeVariable",
              l.span(),
              "variable '"
                  + shown
                  + "' is never bound: use it in a call, in '"
                  + shown
                  + " in [...]' or in '"
                  + shown
                  + " = <bound term>'");
        }
      }
    }
  }

  private void checkNegated(
      Literal.Not not,
      Set<String> positive,
      Set<String> outsideNot,
      Names names,
      Set<String> reported) {
    for (Term arg : not.call().args()) {
      if (!(arg instanceof Term.Var)) {
        continue;
      }
      String v = ((Term.Var) arg).name();
      if (names.isFresh(v)) {
        continue;
      }
      if (v.startsWith("_")) {
        if (outsideNot.contains(v) && reported.add(v)) {
          diagnostics.error(
              "UnsafeVariable",
              not.span(),
              "variable '"
                  + v
                  + "' inside 'not' also occurs outside it; variables starting with '_' are"
                  + " local to a negation");
        }
      } else if (!positive.contains(v) && reported.add(v)) {
        diagnostics.error(
            "UnsafeVariable",
            not.span(),
            "variable '"
                + v
                + "' in '"
                + auxiliaryText.getOrDefault(
                    not.call().predicate(),
                    "not " + dev.osoj.internal.program.ProgramPrinter.call(not.call()))
                + "' must also occur in a positive call of the same rule");
      }
    }
  }
}
