package dev.osoj.cli.serve;

import dev.osoj.FactPattern;
import dev.osoj.Oso;
import dev.osoj.ValuePattern;
import dev.osoj.store.MemoryFactStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backend over the embedded engine with facts in memory. {@link #clearData()} swaps in a fresh
 * store and engine loaded with the current policy; the server holds its write lock meanwhile, so no
 * request sees half of it.
 *
 * <p>Limitations: {@link #withBindings} is not available (local authorization needs the SQL
 * planner, not in this build), so the {@code /api/*_query} endpoints answer 400.
 */
final class EngineBackend implements ServeBackend {
  private volatile Instance current;
  private volatile Map<String, String> policyFiles;

  /** One engine and the store it reads. */
  private record Instance(Oso oso, MemoryFactStore store) {}

  /**
   * Creates the backend and loads the initial policy.
   *
   * @param policyFiles file name to Polar text, possibly empty
   * @throws dev.osoj.PolicyException if the policy does not load
   */
  EngineBackend(Map<String, String> policyFiles) {
    this.policyFiles = Collections.unmodifiableMap(new LinkedHashMap<>(policyFiles));
    this.current = build(this.policyFiles);
  }

  private static Instance build(Map<String, String> files) {
    MemoryFactStore store = new MemoryFactStore();
    Oso oso = Oso.embedded().factStore(store).policySources(files).build();
    return new Instance(oso, store);
  }

  @Override
  public Oso oso() {
    return current.oso();
  }

  @Override
  public void policy(String src) {
    current.oso().policy(src);
    policyFiles = Map.of("policy.polar", src);
  }

  @Override
  public Oso withBindings(String dataBindings) {
    throw new UnsupportedOperationException(
        "local authorization endpoints need the SQL planner, which this build lacks");
  }

  @Override
  public void clearData() {
    Instance old = current;
    current = build(policyFiles);
    old.oso().close();
  }

  @Override
  public Stats stats() {
    Instance i = current;
    return new Stats(
        count(i, "has_role", 2) + count(i, "has_role", 3),
        count(i, "has_relation", 3),
        i.store().size());
  }

  private static long count(Instance i, String predicate, int arity) {
    List<ValuePattern> any = new ArrayList<>(Collections.nCopies(arity, ValuePattern.ANY));
    return i.store().get(new FactPattern(predicate, any)).size();
  }

  @Override
  public void close() {
    current.oso().close();
  }
}
