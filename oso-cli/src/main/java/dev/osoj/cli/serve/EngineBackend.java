package dev.osoj.cli.serve;

import dev.osoj.FactPattern;
import dev.osoj.Oso;
import dev.osoj.ValuePattern;
import dev.osoj.spi.FactStore;
import dev.osoj.sql.LocalBindings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backend over the embedded engine and one fact store ({@link StoredFacts}: in memory or a JDBC
 * table).
 *
 * <p>Local authorization ({@link #withBindings}) builds, per distinct bindings text, an engine on
 * the same store and policy with those bindings; the last {@value #MAX_BINDINGS} are kept. A new
 * policy or {@link #clearData()} drops them.
 */
final class EngineBackend implements ServeBackend {
  static final int MAX_BINDINGS = 16;

  private final Object lock = new Object();
  private volatile Instance current;
  private volatile Map<String, String> policyFiles;
  private final boolean extendedNegation;
  private final Map<String, Oso> withBindings =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Oso> eldest) {
          return size() > MAX_BINDINGS;
        }
      };

  /** One engine and the facts it reads. */
  private record Instance(Oso oso, StoredFacts facts) {}

  /**
   * Creates the backend and loads the initial policy.
   *
   * @param facts where facts live
   * @param policyFiles file name to Polar text, possibly empty
   * @throws dev.osoj.PolicyException if the policy does not load
   */
  EngineBackend(StoredFacts facts, Map<String, String> policyFiles) {
    this(facts, policyFiles, false);
  }

  /**
   * Creates the backend and loads the initial policy.
   *
   * @param facts where facts live
   * @param policyFiles file name to Polar text, possibly empty
   * @param extendedNegation whether policies may use extended negation
   * @throws dev.osoj.PolicyException if the policy does not load
   */
  EngineBackend(StoredFacts facts, Map<String, String> policyFiles, boolean extendedNegation) {
    this.extendedNegation = extendedNegation;
    this.policyFiles = Collections.unmodifiableMap(new LinkedHashMap<>(policyFiles));
    this.current = new Instance(build(facts.store(), this.policyFiles, null), facts);
  }

  private Oso build(FactStore store, Map<String, String> files, LocalBindings bindings) {
    dev.osoj.EmbeddedBuilder b =
        Oso.embedded().factStore(store).policySources(files).extendedNegation(extendedNegation);
    if (bindings != null) {
      b.localBindings(bindings);
    }
    return b.build();
  }

  @Override
  public Oso oso() {
    return current.oso();
  }

  @Override
  public void policy(String src) {
    synchronized (lock) {
      current.oso().policy(src);
      policyFiles = Map.of("policy.polar", src);
      withBindings.clear();
    }
  }

  @Override
  public Oso withBindings(String dataBindings) {
    synchronized (lock) {
      Oso cached = withBindings.get(dataBindings);
      if (cached == null) {
        LocalBindings bindings = LocalBindings.fromYaml(dataBindings);
        cached = build(current.facts().store(), policyFiles, bindings);
        withBindings.put(dataBindings, cached);
      }
      return cached;
    }
  }

  @Override
  public void clearData() {
    synchronized (lock) {
      Instance old = current;
      StoredFacts cleared = old.facts().cleared();
      if (cleared != old.facts()) {
        current = new Instance(build(cleared.store(), policyFiles, null), cleared);
        withBindings.clear();
      }
    }
  }

  @Override
  public Stats stats() {
    Instance i = current;
    return new Stats(
        count(i, "has_role", 2) + count(i, "has_role", 3),
        count(i, "has_relation", 3),
        i.facts().size());
  }

  private static long count(Instance i, String predicate, int arity) {
    List<ValuePattern> any = new ArrayList<>(Collections.nCopies(arity, ValuePattern.ANY));
    return i.facts().store().get(new FactPattern(predicate, any)).size();
  }

  @Override
  public void close() {
    current.facts().close();
  }
}
