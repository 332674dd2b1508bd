package dev.osoj.internal.plan;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.Value;
import dev.osoj.ValuePattern;
import dev.osoj.spi.FactStore;
import dev.osoj.sql.Plan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Fact sources of facts known in the JVM: a fact store read now, or a list of context facts. */
public final class FactValues {
  private FactValues() {}

  /**
   * Returns sources reading a store at planning time, narrowed by the bound arguments.
   *
   * @param store the store (typically a {@link dev.osoj.store.MemoryFactStore})
   * @return the sources
   */
  public static FactSources of(FactStore store) {
    return new StoreSources(store);
  }

  /**
   * Sources reading a fact store at planning time. {@link PlanCache} recognises them: a reused plan
   * is valid only while every lookup its planning made still finds nothing.
   *
   * @param store the store
   */
  record StoreSources(FactStore store) implements FactSources {
    StoreSources {
      requireNonNull(store, "store");
    }

    @Override
    public List<Plan> relations(String predicate, int arity, List<@Nullable Value> bound) {
      return values(arity, store.get(pattern(predicate, bound)));
    }

    /** Whether the store holds a fact a lookup with these arguments would find. */
    boolean holdsAny(String predicate, List<@Nullable Value> bound) {
      return !store.get(pattern(predicate, bound)).isEmpty();
    }

    private static FactPattern pattern(String predicate, List<@Nullable Value> bound) {
      List<ValuePattern> args = new ArrayList<>(bound.size());
      for (Value v : bound) {
        args.add(v == null ? ValuePattern.ANY : ValuePattern.exact(v));
      }
      return new FactPattern(predicate, args);
    }
  }

  /**
   * Returns sources holding a list of facts (context facts), narrowed by the bound arguments.
   *
   * @param facts the facts
   * @return the sources
   */
  public static FactSources of(List<Fact> facts) {
    List<Fact> copy = List.copyOf(facts);
    return (predicate, arity, bound) -> {
      List<Fact> matching = new ArrayList<>();
      for (Fact f : copy) {
        if (f.predicate().equals(predicate) && f.arity() == arity && matches(f, bound)) {
          matching.add(f);
        }
      }
      return values(arity, matching);
    };
  }

  private static boolean matches(Fact f, List<@Nullable Value> bound) {
    for (int i = 0; i < bound.size(); i++) {
      Value b = bound.get(i);
      if (b != null && !b.equals(f.args().get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<Plan> values(int arity, List<Fact> facts) {
    if (facts.isEmpty()) {
      return List.of();
    }
    Set<List<Value>> rows = new LinkedHashSet<>();
    for (Fact f : facts) {
      rows.add(f.args());
    }
    return List.of(new Plan.Values(arity, new ArrayList<>(rows)));
  }
}
