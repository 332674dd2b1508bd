package dev.osoj.internal.plan;

import dev.osoj.Value;
import dev.osoj.sql.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Replaces values in a plan: the placeholders of a cached template by a question's values. */
final class Substitution {
  private final Map<Value, Value> values;

  private Substitution(Map<Value, Value> values) {
    this.values = values;
  }

  /** Returns the plan with every value that is a key of {@code values} replaced by its value. */
  static Plan apply(Plan plan, Map<Value, Value> values) {
    return values.isEmpty() ? plan : new Substitution(values).plan(plan);
  }

  private Plan plan(Plan p) {
    if (p instanceof Plan.Scan || p instanceof Plan.RecursiveRef || p instanceof Plan.Constant) {
      return p;
    }
    if (p instanceof Plan.Values) {
      Plan.Values v = (Plan.Values) p;
      List<List<Value>> rows = new ArrayList<>();
      for (List<Value> row : v.rows()) {
        List<Value> out = new ArrayList<>(row.size());
        for (Value x : row) {
          out.add(value(x));
        }
        rows.add(out);
      }
      return new Plan.Values(v.arity(), rows);
    }
    if (p instanceof Plan.Filter) {
      Plan.Filter f = (Plan.Filter) p;
      return new Plan.Filter(plan(f.input()), condition(f.condition()));
    }
    if (p instanceof Plan.Project) {
      Plan.Project pr = (Plan.Project) p;
      List<Plan.Expr> outputs = new ArrayList<>(pr.outputs().size());
      for (Plan.Expr e : pr.outputs()) {
        outputs.add(expr(e));
      }
      return new Plan.Project(plan(pr.input()), outputs);
    }
    if (p instanceof Plan.Join) {
      Plan.Join j = (Plan.Join) p;
      return new Plan.Join(plan(j.left()), plan(j.right()), condition(j.on()));
    }
    if (p instanceof Plan.Union) {
      Plan.Union u = (Plan.Union) p;
      List<Plan> inputs = new ArrayList<>(u.inputs().size());
      for (Plan i : u.inputs()) {
        inputs.add(plan(i));
      }
      return new Plan.Union(u.arity(), inputs);
    }
    if (p instanceof Plan.AntiJoin) {
      Plan.AntiJoin a = (Plan.AntiJoin) p;
      return new Plan.AntiJoin(plan(a.left()), plan(a.right()), condition(a.on()));
    }
    if (p instanceof Plan.Fixpoint) {
      Plan.Fixpoint f = (Plan.Fixpoint) p;
      return new Plan.Fixpoint(f.name(), f.arity(), plan(f.seed()), plan(f.step()));
    }
    throw new AssertionError(p);
  }

  private Plan.Condition condition(Plan.Condition c) {
    if (c instanceof Plan.Condition.And) {
      List<Plan.Condition> parts = ((Plan.Condition.And) c).conditions();
      if (parts.isEmpty()) {
        return c;
      }
      List<Plan.Condition> out = new ArrayList<>(parts.size());
      for (Plan.Condition x : parts) {
        out.add(condition(x));
      }
      return new Plan.Condition.And(out);
    }
    if (c instanceof Plan.Condition.Eq) {
      Plan.Condition.Eq e = (Plan.Condition.Eq) c;
      return new Plan.Condition.Eq(expr(e.left()), expr(e.right()));
    }
    if (c instanceof Plan.Condition.Compare) {
      Plan.Condition.Compare k = (Plan.Condition.Compare) c;
      return new Plan.Condition.Compare(k.op(), expr(k.left()), expr(k.right()));
    }
    if (c instanceof Plan.Condition.TypeIn) {
      Plan.Condition.TypeIn t = (Plan.Condition.TypeIn) c;
      return new Plan.Condition.TypeIn(expr(t.expr()), t.types());
    }
    throw new AssertionError(c);
  }

  private Plan.Expr expr(Plan.Expr e) {
    if (e instanceof Plan.Expr.Const) {
      Value v = ((Plan.Expr.Const) e).value();
      Value r = values.get(v);
      return r == null ? e : new Plan.Expr.Const(r);
    }
    return e;
  }

  private Value value(Value v) {
    Value r = values.get(v);
    return r == null ? v : r;
  }
}
