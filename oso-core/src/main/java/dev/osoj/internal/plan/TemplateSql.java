package dev.osoj.internal.plan;

import dev.osoj.Value;
import dev.osoj.sql.Plan;
import dev.osoj.sql.SqlFragment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A statement rendered once from a cached template ({@link PlanCache}), reused for every question
 * of the shape with the question's ids bound in place of the placeholders' ids: identical SQL text
 * per shape, so the driver and the database reuse their prepared statement and plan.
 *
 * <p>Reuse is refused (and each question rendered from its own plan) when rendering could depend on
 * a placeholder's value: a condition comparing two constants one of which is a placeholder
 * (renderers fold those), a local binding (typed id columns), a placeholder id anywhere but as a
 * whole parameter, or a first question whose own rendering differs from the template's in text or
 * in its other parameters.
 */
final class TemplateSql {
  private static final Object REFUSED = new Object();

  private final String sql;
  private final List<Object> params;

  /** A parameter standing for the id of placeholder {@code index}. */
  private record IdOf(int index) {}

  private TemplateSql(String sql, List<Object> params) {
    this.sql = sql;
    this.params = params;
  }

  /**
   * Renders a question's plan, reusing the template's statement when possible.
   *
   * @param p the prepared question
   * @param kind names the rendering (one cached statement per template and kind)
   * @param renderer renders a plan
   * @return the statement with the question's parameters
   */
  static SqlFragment render(
      PlanCache.Prepared p, String kind, Function<Plan, SqlFragment> renderer) {
    PlanCache.Template t = p.template();
    if (t == null) {
      return renderer.apply(p.plan());
    }
    Object cached = t.derived.get(kind);
    if (cached == null) {
      SqlFragment own = renderer.apply(p.plan());
      TemplateSql made = of(t.plan, renderer);
      Object entry = made != null && own.equals(made.bind(p.values())) ? made : REFUSED;
      t.derived.putIfAbsent(kind, entry);
      return own;
    }
    if (cached == REFUSED) {
      return renderer.apply(p.plan());
    }
    return ((TemplateSql) cached).bind(p.values());
  }

  private static @Nullable TemplateSql of(Plan template, Function<Plan, SqlFragment> renderer) {
    if (valueSensitive(template)) {
      return null;
    }
    SqlFragment f;
    try {
      f = renderer.apply(template);
    } catch (RuntimeException e) {
      // the question's own rendering succeeded; the template's refusal only means no reuse
      return null;
    }
    if (Params.mentionsPlaceholder(f.sql())) {
      return null;
    }
    List<Object> params = new ArrayList<>(f.parameters().size());
    for (Object o : f.parameters()) {
      if (o instanceof String && Params.mentionsPlaceholder((String) o)) {
        int index = Params.indexOf((String) o);
        if (index < 0) {
          return null;
        }
        params.add(new IdOf(index));
      } else {
        params.add(o);
      }
    }
    return new TemplateSql(f.sql(), params);
  }

  private SqlFragment bind(List<Value> values) {
    List<Object> out = new ArrayList<>(params.size());
    for (Object o : params) {
      out.add(o instanceof IdOf ? values.get(((IdOf) o).index()).id() : o);
    }
    return new SqlFragment(sql, out);
  }

  /**
   * Whether rendering may depend on a placeholder's value: a condition compares two constants, one
   * of them a placeholder, or a local binding is read (its typed id columns make renderers convert,
   * and possibly refuse, a constant id).
   */
  private static boolean valueSensitive(Plan p) {
    if (p instanceof Plan.Scan) {
      return ((Plan.Scan) p).source() instanceof dev.osoj.sql.FactSource.Binding;
    }
    if (p instanceof Plan.Filter) {
      Plan.Filter f = (Plan.Filter) p;
      return folds(f.condition()) || valueSensitive(f.input());
    }
    if (p instanceof Plan.Project) {
      return valueSensitive(((Plan.Project) p).input());
    }
    if (p instanceof Plan.Join) {
      Plan.Join j = (Plan.Join) p;
      return folds(j.on()) || valueSensitive(j.left()) || valueSensitive(j.right());
    }
    if (p instanceof Plan.AntiJoin) {
      Plan.AntiJoin j = (Plan.AntiJoin) p;
      return folds(j.on()) || valueSensitive(j.left()) || valueSensitive(j.right());
    }
    if (p instanceof Plan.Union) {
      return ((Plan.Union) p).inputs().stream().anyMatch(TemplateSql::valueSensitive);
    }
    if (p instanceof Plan.Fixpoint) {
      Plan.Fixpoint f = (Plan.Fixpoint) p;
      return valueSensitive(f.seed()) || valueSensitive(f.step());
    }
    return false;
  }

  private static boolean folds(Plan.Condition c) {
    if (c instanceof Plan.Condition.And) {
      return ((Plan.Condition.And) c).conditions().stream().anyMatch(TemplateSql::folds);
    }
    if (c instanceof Plan.Condition.Eq) {
      Plan.Condition.Eq e = (Plan.Condition.Eq) c;
      return constants(e.left(), e.right());
    }
    if (c instanceof Plan.Condition.Compare) {
      Plan.Condition.Compare k = (Plan.Condition.Compare) c;
      return constants(k.left(), k.right());
    }
    return false;
  }

  private static boolean constants(Plan.Expr a, Plan.Expr b) {
    return a instanceof Plan.Expr.Const
        && b instanceof Plan.Expr.Const
        && (Params.isPlaceholder(((Plan.Expr.Const) a).value())
            || Params.isPlaceholder(((Plan.Expr.Const) b).value()));
  }
}
