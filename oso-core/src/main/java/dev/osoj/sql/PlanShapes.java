package dev.osoj.sql;

import dev.osoj.Value;
import java.util.ArrayList;
import java.util.List;

/** Structural helpers over plans shared by the renderers and the filter. */
final class PlanShapes {
  private PlanShapes() {}

  /**
   * Flattens nested unions into their branches.
   *
   * @param plan the plan
   * @return the branches; a plan that is not a union is its own single branch
   */
  static List<Plan> branches(Plan plan) {
    List<Plan> out = new ArrayList<>();
    collect(plan, out);
    return out;
  }

  private static void collect(Plan plan, List<Plan> out) {
    if (plan instanceof Plan.Union) {
      for (Plan p : ((Plan.Union) plan).inputs()) {
        collect(p, out);
      }
    } else if (!isEmpty(plan)) {
      out.add(plan);
    }
  }

  /**
   * Returns whether a plan is syntactically empty: a false constant, no values, or a filter,
   * projection or join over an empty input.
   *
   * @param plan the plan
   * @return true if it certainly has no tuple
   */
  static boolean isEmpty(Plan plan) {
    if (plan instanceof Plan.Constant) {
      return !((Plan.Constant) plan).value();
    }
    if (plan instanceof Plan.Values) {
      return ((Plan.Values) plan).rows().isEmpty();
    }
    if (plan instanceof Plan.Union) {
      return ((Plan.Union) plan).inputs().stream().allMatch(PlanShapes::isEmpty);
    }
    if (plan instanceof Plan.Project) {
      return isEmpty(((Plan.Project) plan).input());
    }
    if (plan instanceof Plan.Filter) {
      return isEmpty(((Plan.Filter) plan).input());
    }
    if (plan instanceof Plan.Join) {
      Plan.Join j = (Plan.Join) plan;
      return isEmpty(j.left()) || isEmpty(j.right());
    }
    if (plan instanceof Plan.AntiJoin) {
      return isEmpty(((Plan.AntiJoin) plan).left());
    }
    return false;
  }

  /**
   * Removes from a plan's branches those that are constant tuples ({@link Plan.Values} of arity 1)
   * and returns their values, in order.
   */
  static List<Value> takeConstants(List<Plan> branches) {
    List<Value> out = new ArrayList<>();
    branches.removeIf(
        b -> {
          if (!(b instanceof Plan.Values) || b.arity() != 1) {
            return false;
          }
          ((Plan.Values) b).rows().forEach(row -> out.add(row.get(0)));
          return true;
        });
    return out;
  }

  /**
   * Classifies a filter plan of arity 1.
   *
   * @param plan the plan
   * @return NEVER when empty, ALWAYS when a branch is an unconditional wildcard, else CONDITIONAL
   */
  static AuthorizedFilter.Kind classify(Plan plan) {
    List<Plan> branches = branches(plan);
    if (branches.isEmpty()) {
      return AuthorizedFilter.Kind.NEVER;
    }
    for (Plan b : branches) {
      if (b instanceof Plan.Project) {
        Plan.Project p = (Plan.Project) b;
        if (p.outputs().get(0) instanceof Plan.Expr.Any && isTrue(p.input())) {
          return AuthorizedFilter.Kind.ALWAYS;
        }
      }
    }
    return AuthorizedFilter.Kind.CONDITIONAL;
  }

  private static boolean isTrue(Plan plan) {
    return plan instanceof Plan.Constant && ((Plan.Constant) plan).value();
  }
}
