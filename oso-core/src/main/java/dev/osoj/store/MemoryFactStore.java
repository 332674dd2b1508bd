package dev.osoj.store;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.internal.store.FactDatabaseHolder;
import dev.osoj.spi.FactChange;
import dev.osoj.spi.FactStore;
import java.util.List;

/**
 * Keeps facts in memory, indexed by predicate and by every argument position.
 *
 * <p>Values are interned to ints, so a fact of three arguments costs a few dozen bytes plus the
 * values it introduces (see {@code benchmarks/results-engine.md} for measured figures).
 *
 * <p>Thread-safe. A batch ({@link #apply}) is applied in order under a write lock, so an insert may
 * be deleted later in the same batch; a question asked through {@link dev.osoj.Oso} reads under the
 * matching read lock from its first lookup to its answer, so it never sees part of a batch.
 * Questions run in parallel with each other; a batch waits for the questions in flight and holds
 * new ones back while it is applied.
 *
 * <p>Limitations: interned values are never freed, so a store that sees an unbounded stream of
 * distinct ids grows even when facts are deleted; facts are lost when the JVM exits.
 */
public final class MemoryFactStore implements FactStore, FactDatabaseHolder {
  private final FactDatabase database = new FactDatabase();

  /** Creates an empty store. */
  public MemoryFactStore() {}

  @Override
  public void apply(List<FactChange> changes) {
    requireNonNull(changes, "changes");
    for (FactChange change : changes) {
      requireNonNull(change, "change");
    }
    database.apply(List.copyOf(changes));
  }

  @Override
  public List<Fact> get(FactPattern pattern) {
    requireNonNull(pattern, "pattern");
    return database.get(pattern);
  }

  /**
   * Returns the number of stored facts.
   *
   * @return the count
   */
  public long size() {
    return database.size();
  }

  /**
   * Returns the database behind this store. Not API: used by the embedded engine.
   *
   * @return the database
   */
  @Override
  public FactDatabase database() {
    return database;
  }
}
