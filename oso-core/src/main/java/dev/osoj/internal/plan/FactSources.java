package dev.osoj.internal.plan;

import dev.osoj.Value;
import dev.osoj.sql.Plan;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the stored tuples of each predicate come from: the managed fact table, local bindings,
 * facts held in memory, context facts. Several sources may serve one predicate; their tuples are
 * united.
 */
@FunctionalInterface
public interface FactSources {
  /**
   * Returns the relations holding the stored facts of a predicate, each of the predicate's arity. A
   * source may use the bound arguments to narrow what it returns (memory and context facts are
   * returned as {@link Plan.Values} holding only the matching facts); the planner still checks
   * every bound argument.
   *
   * @param predicate the predicate name
   * @param arity the arity
   * @param bound per argument position the value the question fixes, or null
   * @return the relations; empty when no fact of the predicate can exist
   */
  List<Plan> relations(String predicate, int arity, List<@Nullable Value> bound);

  /**
   * Returns sources that offer the relations of both.
   *
   * @param other the other sources
   * @return the combination
   */
  default FactSources and(FactSources other) {
    return (predicate, arity, bound) -> {
      List<Plan> out = new ArrayList<>(relations(predicate, arity, bound));
      out.addAll(other.relations(predicate, arity, bound));
      return out;
    };
  }
}
