package dev.osoj.sql;

import dev.osoj.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Merges the branches of a filter that differ only in the constant of one equality, such as "reader
 * on the repository" and "maintainer on the repository": {@code role = 'reader'} in one and {@code
 * role = 'maintainer'} in the other become one branch with {@code role IN ('reader',
 * 'maintainer')}. The database then tests one sub-query per row instead of two.
 *
 * <p>Sound because every operator a differing equality may sit under is monotone in it and uses it
 * once (filter, projection, join, union, the kept side of an anti-join): {@code F(σ[x=a] P) ∪
 * F(σ[x=b] P) = F(σ[x∈{a,b}] P)}. Differences under the excluded side of an anti-join or inside a
 * fixpoint are never merged.
 */
final class BranchMerge {
  private BranchMerge() {}

  /**
   * One branch to render, with the extra values of its merged equality.
   *
   * @param plan the branch
   * @param values per merged equality of {@code plan} (by identity), every value it accepts
   */
  record Merged(Plan plan, Map<Plan.Condition.Eq, List<Value>> values) {}

  /**
   * Groups branches greedily, in order.
   *
   * @param branches distinct branches
   * @return the branches to render
   */
  static List<Merged> merge(List<Plan> branches) {
    List<Merged> out = new ArrayList<>();
    boolean[] used = new boolean[branches.size()];
    for (int i = 0; i < branches.size(); i++) {
      if (used[i]) {
        continue;
      }
      Plan base = branches.get(i);
      Plan.Condition.Eq eq = null;
      List<Value> values = new ArrayList<>();
      for (int j = i + 1; j < branches.size(); j++) {
        if (used[j]) {
          continue;
        }
        Diff d = new Diff();
        if (!d.plan(base, branches.get(j), true) || d.eq == null || d.other == null) {
          continue;
        }
        if (eq == null) {
          if (occurrences(base, d.eq) != 1) {
            continue; // the renderer finds the equality by identity: it must be used once
          }
          eq = d.eq;
          values.add(constantOf(eq));
        } else if (eq != d.eq) {
          continue;
        }
        values.add(d.other);
        used[j] = true;
      }
      Map<Plan.Condition.Eq, List<Value>> map = new IdentityHashMap<>();
      if (eq != null) {
        map.put(eq, List.copyOf(values));
      }
      out.add(new Merged(base, map));
    }
    return out;
  }

  /** Counts the places of a plan holding this very equality object. */
  static int occurrences(Plan plan, Plan.Condition.Eq eq) {
    if (plan instanceof Plan.Filter) {
      Plan.Filter f = (Plan.Filter) plan;
      return occurrences(f.input(), eq) + occurrences(f.condition(), eq);
    }
    if (plan instanceof Plan.Project) {
      return occurrences(((Plan.Project) plan).input(), eq);
    }
    if (plan instanceof Plan.Join) {
      Plan.Join j = (Plan.Join) plan;
      return occurrences(j.left(), eq) + occurrences(j.right(), eq) + occurrences(j.on(), eq);
    }
    if (plan instanceof Plan.AntiJoin) {
      Plan.AntiJoin j = (Plan.AntiJoin) plan;
      return occurrences(j.left(), eq) + occurrences(j.right(), eq) + occurrences(j.on(), eq);
    }
    if (plan instanceof Plan.Union) {
      int n = 0;
      for (Plan p : ((Plan.Union) plan).inputs()) {
        n += occurrences(p, eq);
      }
      return n;
    }
    if (plan instanceof Plan.Fixpoint) {
      Plan.Fixpoint f = (Plan.Fixpoint) plan;
      return occurrences(f.seed(), eq) + occurrences(f.step(), eq);
    }
    return 0;
  }

  private static int occurrences(Plan.Condition c, Plan.Condition.Eq eq) {
    if (c == eq) {
      return 1;
    }
    int n = 0;
    if (c instanceof Plan.Condition.And) {
      for (Plan.Condition x : ((Plan.Condition.And) c).conditions()) {
        n += occurrences(x, eq);
      }
    }
    return n;
  }

  private static Value constantOf(Plan.Condition.Eq eq) {
    Plan.Expr e = eq.right() instanceof Plan.Expr.Const ? eq.right() : eq.left();
    return ((Plan.Expr.Const) e).value();
  }

  /** Walks two plans side by side, allowing exactly one differing equality constant. */
  private static final class Diff {
    Plan.Condition.@Nullable Eq eq;
    @Nullable Value other;

    boolean plan(Plan a, Plan b, boolean positive) {
      if (a.equals(b)) {
        return true;
      }
      if (!positive || a.getClass() != b.getClass()) {
        return false;
      }
      if (a instanceof Plan.Filter) {
        Plan.Filter x = (Plan.Filter) a;
        Plan.Filter y = (Plan.Filter) b;
        return plan(x.input(), y.input(), true) && condition(x.condition(), y.condition());
      }
      if (a instanceof Plan.Project) {
        Plan.Project x = (Plan.Project) a;
        Plan.Project y = (Plan.Project) b;
        return x.outputs().equals(y.outputs()) && plan(x.input(), y.input(), true);
      }
      if (a instanceof Plan.Join) {
        Plan.Join x = (Plan.Join) a;
        Plan.Join y = (Plan.Join) b;
        return plan(x.left(), y.left(), true)
            && plan(x.right(), y.right(), true)
            && condition(x.on(), y.on());
      }
      if (a instanceof Plan.AntiJoin) {
        Plan.AntiJoin x = (Plan.AntiJoin) a;
        Plan.AntiJoin y = (Plan.AntiJoin) b;
        return x.right().equals(y.right())
            && x.on().equals(y.on())
            && plan(x.left(), y.left(), true);
      }
      if (a instanceof Plan.Union) {
        Plan.Union x = (Plan.Union) a;
        Plan.Union y = (Plan.Union) b;
        if (x.inputs().size() != y.inputs().size()) {
          return false;
        }
        for (int i = 0; i < x.inputs().size(); i++) {
          if (!plan(x.inputs().get(i), y.inputs().get(i), true)) {
            return false;
          }
        }
        return true;
      }
      // scans, values, constants, fixpoints and recursive references must be equal
      return false;
    }

    boolean condition(Plan.Condition a, Plan.Condition b) {
      if (a.equals(b)) {
        return true;
      }
      if (a instanceof Plan.Condition.And && b instanceof Plan.Condition.And) {
        List<Plan.Condition> x = ((Plan.Condition.And) a).conditions();
        List<Plan.Condition> y = ((Plan.Condition.And) b).conditions();
        if (x.size() != y.size()) {
          return false;
        }
        for (int i = 0; i < x.size(); i++) {
          if (!condition(x.get(i), y.get(i))) {
            return false;
          }
        }
        return true;
      }
      if (a instanceof Plan.Condition.Eq && b instanceof Plan.Condition.Eq && eq == null) {
        return equality((Plan.Condition.Eq) a, (Plan.Condition.Eq) b);
      }
      return false;
    }

    private boolean equality(Plan.Condition.Eq a, Plan.Condition.Eq b) {
      if (a.left() instanceof Plan.Expr.Column
          && a.left().equals(b.left())
          && a.right() instanceof Plan.Expr.Const
          && b.right() instanceof Plan.Expr.Const) {
        eq = a;
        other = ((Plan.Expr.Const) b.right()).value();
        return true;
      }
      if (a.right() instanceof Plan.Expr.Column
          && a.right().equals(b.right())
          && a.left() instanceof Plan.Expr.Const
          && b.left() instanceof Plan.Expr.Const) {
        eq = a;
        other = ((Plan.Expr.Const) b.left()).value();
        return true;
      }
      return false;
    }
  }
}
