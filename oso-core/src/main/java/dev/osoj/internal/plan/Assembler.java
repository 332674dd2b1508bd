package dev.osoj.internal.plan;

import dev.osoj.EvaluationException;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import dev.osoj.sql.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns one finished branch of the unfolding into a plan: the atoms joined left to right, equal
 * variables and constants as conditions, type constraints, deferred comparisons, negations as
 * anti-joins, then the projection on the output terms.
 */
final class Assembler {
  private final Planner planner;
  private final State s;
  private final Map<String, Integer> columnOf = new HashMap<>();
  private final List<Plan.Condition> conditions = new ArrayList<>();

  Assembler(Planner planner, State s) {
    this.planner = planner;
    this.s = s;
  }

  /**
   * Builds the branch's plan.
   *
   * @param outputs the output terms
   * @param anyTypes per output, the type of an unbound (wildcard) output; null to refuse wildcards
   * @param rule the rule being planned, for messages
   * @return the plan, or null if the branch can never hold
   */
  @Nullable Plan build(
      List<Term> outputs, @Nullable List<@Nullable String> anyTypes, @Nullable Rule rule) {
    Plan plan = joinAtoms();
    addTypeConditions();
    List<Literal.Not> negations = new ArrayList<>();
    for (Planner.Goal g : s.deferred) {
      if (g.literal() instanceof Literal.Compare) {
        Literal.Compare c = (Literal.Compare) g.literal();
        conditions.add(
            new Plan.Condition.Compare(
                op(c.op()), expr(c.left(), g.rule(), c), expr(c.right(), g.rule(), c)));
      } else {
        negations.add((Literal.Not) g.literal());
      }
    }
    if (!conditions.isEmpty()) {
      plan = new Plan.Filter(plan, new Plan.Condition.And(conditions));
    }
    for (Literal.Not n : negations) {
      plan = antiJoin(plan, n);
    }
    List<Plan.Expr> exprs = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      Term t = planner.walk(outputs.get(i), s);
      if (t instanceof Term.Var && !columnOf.containsKey(((Term.Var) t).name())) {
        if (anyTypes == null) {
          throw new EvaluationException(
              "cannot plan SQL for recursive rule "
                  + (rule == null ? "" : Recursion.describe(rule))
                  + ": its head argument "
                  + (i + 1)
                  + " is unbounded (a wildcard), which a recursive SQL relation cannot hold");
        }
        String type = anyTypes.get(i);
        Types.Allowed allowed = s.allowed((Term.Var) t);
        if (type != null && !allowed.permits(type)) {
          return null;
        }
        exprs.add(new Plan.Expr.Any(type == null ? "Any" : type));
      } else {
        exprs.add(exprOf(t));
      }
    }
    return new Plan.Project(plan, exprs);
  }

  private Plan joinAtoms() {
    Plan plan = null;
    int offset = 0;
    for (State.Atom a : s.atoms) {
      for (int j = 0; j < a.args().size(); j++) {
        Term t = planner.walk(a.args().get(j), s);
        Plan.Expr col = new Plan.Expr.Column(offset + j);
        if (t instanceof Term.Const) {
          conditions.add(new Plan.Condition.Eq(col, new Plan.Expr.Const(((Term.Const) t).value())));
        } else {
          String name = ((Term.Var) t).name();
          Integer prev = columnOf.putIfAbsent(name, offset + j);
          if (prev != null) {
            conditions.add(new Plan.Condition.Eq(new Plan.Expr.Column(prev), col));
          }
        }
      }
      plan = plan == null ? a.rel() : new Plan.Join(plan, a.rel(), Plan.Condition.TRUE);
      offset += a.rel().arity();
    }
    return plan == null ? Plan.Constant.ALWAYS : plan;
  }

  private void addTypeConditions() {
    for (Map.Entry<String, Integer> e : columnOf.entrySet()) {
      Types.Allowed allowed = s.allowed(new Term.Var(e.getKey()));
      if (allowed.names() != null) {
        conditions.add(
            new Plan.Condition.TypeIn(new Plan.Expr.Column(e.getValue()), allowed.sorted()));
      }
    }
  }

  private Plan.Expr exprOf(Term t) {
    if (t instanceof Term.Const) {
      return new Plan.Expr.Const(((Term.Const) t).value());
    }
    return new Plan.Expr.Column(columnOf.get(((Term.Var) t).name()));
  }

  private Plan.Expr expr(Term raw, @Nullable Rule rule, Literal lit) {
    Term t = planner.walk(raw, s);
    if (t instanceof Term.Var && !columnOf.containsKey(((Term.Var) t).name())) {
      throw new EvaluationException(
          "cannot plan SQL for "
              + (rule == null ? "the question" : "rule " + Recursion.describe(rule))
              + ": the comparison at "
              + lit.span()
              + " uses variable '"
              + display(((Term.Var) (raw instanceof Term.Var ? raw : t)).name())
              + "', which no call binds");
    }
    return exprOf(t);
  }

  private static String display(String name) {
    int hash = name.indexOf('#');
    return hash < 0 ? name : name.substring(0, hash);
  }

  private static Plan.Condition.Op op(Literal.Op op) {
    switch (op) {
      case NE:
        return Plan.Condition.Op.NE;
      case LT:
        return Plan.Condition.Op.LT;
      case LE:
        return Plan.Condition.Op.LE;
      case GT:
        return Plan.Condition.Op.GT;
      case GE:
        return Plan.Condition.Op.GE;
      default:
        throw new AssertionError(op);
    }
  }

  private Plan antiJoin(Plan left, Literal.Not n) {
    List<Planner.Arg> args = new ArrayList<>();
    List<Plan.Condition> on = new ArrayList<>();
    Map<String, Integer> inner = new HashMap<>();
    int k = 0;
    for (Term raw : n.call().args()) {
      Term t = planner.walk(raw, s);
      if (t instanceof Term.Const) {
        args.add(new Planner.Arg.Bound(((Term.Const) t).value()));
        continue;
      }
      args.add(new Planner.Arg.Open(null));
      String name = ((Term.Var) t).name();
      Plan.Expr here = new Plan.Expr.Column(left.arity() + k);
      Integer outer = columnOf.get(name);
      if (outer != null) {
        on.add(new Plan.Condition.Eq(new Plan.Expr.Column(outer), here));
      } else {
        Integer seen = inner.putIfAbsent(name, left.arity() + k);
        if (seen != null) {
          on.add(new Plan.Condition.Eq(new Plan.Expr.Column(seen), here));
        }
      }
      k++;
    }
    Plan right = planner.plan(n.call().predicate(), args);
    return new Plan.AntiJoin(left, right, new Plan.Condition.And(on));
  }
}
