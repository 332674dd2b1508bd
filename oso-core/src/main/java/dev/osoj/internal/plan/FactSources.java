package dev.osoj.internal.plan;

import static java.util.Objects.requireNonNull;

import dev.osoj.Value;
import dev.osoj.sql.FactSource;
import dev.osoj.sql.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Where the stored tuples of each predicate come from: the managed fact table, local bindings,
 * facts held in memory, context facts. Several sources may serve one predicate; their tuples are
 * united.
 *
 * <p>For {@link PlanCache}, sources say how their answer may vary: {@linkplain #fixed fixed}
 * sources (the fact table, local bindings) return relations that depend on the predicate and arity
 * only, so a plan over them can be reused; {@linkplain FactValues#of(dev.osoj.spi.FactStore) store
 * sources} read facts at planning time, so a reused plan is guarded by re-reading them; any other
 * source (context facts) makes every question plan afresh.
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
   * Returns whether {@link #relations} depends on the predicate and arity only (never on the bound
   * values, the clock or the current facts). False unless the sources were made with {@link
   * #fixed}.
   *
   * @return true for fixed sources
   */
  default boolean isFixed() {
    return false;
  }

  /**
   * Returns sources that offer the relations of both.
   *
   * @param other the other sources
   * @return the combination
   */
  default FactSources and(FactSources other) {
    return new Both(this, other);
  }

  /**
   * Marks sources as fixed: their relations depend on the predicate and arity only.
   *
   * @param sources the sources
   * @return the same relations, {@link #isFixed()} true
   */
  static FactSources fixed(FactSources sources) {
    return new Fixed(sources);
  }

  /** How many fact table scans {@link #factTable} sources remember (one per predicate/arity). */
  int MAX_REMEMBERED_SCANS = 4096;

  /**
   * Returns the fixed sources of a managed fact table ({@link dev.osoj.store.JdbcFactStore}): one
   * scan per predicate of arity at most {@value FactSource#FACT_TABLE_MAX_ARITY}.
   *
   * @param table the table name
   * @return the sources
   */
  static FactSources factTable(String table) {
    Map<String, List<Plan>> scans = new ConcurrentHashMap<>();
    return fixed(
        (predicate, arity, bound) -> {
          if (arity > FactSource.FACT_TABLE_MAX_ARITY) {
            return List.of();
          }
          String key = arity + "/" + predicate;
          List<Plan> known = scans.get(key);
          if (known != null) {
            return known;
          }
          List<Plan> made =
              List.of(new Plan.Scan(new FactSource.FactTable(table, predicate, arity)));
          if (scans.size() < MAX_REMEMBERED_SCANS) {
            scans.put(key, made);
          }
          return made;
        });
  }

  /**
   * Fixed sources.
   *
   * @param sources the relations
   */
  record Fixed(FactSources sources) implements FactSources {
    /** Creates the sources. */
    public Fixed {
      requireNonNull(sources, "sources");
    }

    @Override
    public List<Plan> relations(String predicate, int arity, List<@Nullable Value> bound) {
      return sources.relations(predicate, arity, bound);
    }

    @Override
    public boolean isFixed() {
      return true;
    }
  }

  /**
   * The union of two sources.
   *
   * @param first one
   * @param second the other
   */
  record Both(FactSources first, FactSources second) implements FactSources {
    /** Creates the combination. */
    public Both {
      requireNonNull(first, "first");
      requireNonNull(second, "second");
    }

    @Override
    public List<Plan> relations(String predicate, int arity, List<@Nullable Value> bound) {
      List<Plan> out = new ArrayList<>(first.relations(predicate, arity, bound));
      out.addAll(second.relations(predicate, arity, bound));
      return out;
    }

    @Override
    public boolean isFixed() {
      return first.isFixed() && second.isFixed();
    }
  }
}
