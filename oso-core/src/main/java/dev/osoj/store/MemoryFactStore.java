package dev.osoj.store;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.Transaction;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.internal.store.FactDatabaseHolder;
import dev.osoj.spi.FactChange;
import dev.osoj.spi.FactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
 * <p>The writing methods of this class ({@link #apply}, {@link #insert}, {@link #delete}, {@link
 * #batch}) do not validate facts against a policy: the store holds whatever it is given. Write
 * through {@link dev.osoj.Oso#insert} or {@link dev.osoj.Oso#batch} to have facts checked against
 * the loaded policy's fact signatures first.
 *
 * <p>Limitations: interned values are never freed, so a store that sees an unbounded stream of
 * distinct ids grows even when facts are deleted; facts are lost when the JVM exits.
 */
public final class MemoryFactStore implements FactStore {
  static {
    FactDatabaseHolder.install(
        store -> store instanceof MemoryFactStore ? ((MemoryFactStore) store).database : null);
  }

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

  /**
   * Stores one fact (a no-op if it is already stored). Not validated against any policy.
   *
   * @param fact the fact
   */
  public void insert(Fact fact) {
    apply(List.of(new FactChange.Insert(requireNonNull(fact, "fact"))));
  }

  /**
   * Deletes every stored fact matching a pattern. Not validated against any policy.
   *
   * @param pattern the pattern; wildcards match any value
   */
  public void delete(FactPattern pattern) {
    apply(List.of(new FactChange.Delete(requireNonNull(pattern, "pattern"))));
  }

  /**
   * Collects inserts and deletes and applies them as one batch, in order, atomically for readers.
   * Nothing is applied if the body throws. Not validated against any policy.
   *
   * @param body records the changes on the transaction it is given
   */
  public void batch(Consumer<Transaction> body) {
    requireNonNull(body, "body");
    List<FactChange> changes = new ArrayList<>();
    body.accept(
        new Transaction() {
          @Override
          public void insert(Fact fact) {
            changes.add(new FactChange.Insert(requireNonNull(fact, "fact")));
          }

          @Override
          public void delete(FactPattern pattern) {
            changes.add(new FactChange.Delete(requireNonNull(pattern, "pattern")));
          }
        });
    if (!changes.isEmpty()) {
      apply(changes);
    }
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
}
