package dev.osoj.spi;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import java.util.List;

/**
 * Where an embedded {@link dev.osoj.Oso} keeps its facts. Facts reaching a store were already
 * checked against the policy; the store only keeps them.
 *
 * <p>Implementations are thread-safe. A batch is applied in order and atomically: readers see all
 * of it or none of it.
 */
public interface FactStore extends AutoCloseable {
  /**
   * Applies writes in order, all or nothing.
   *
   * @param changes the writes
   * @throws dev.osoj.FactStoreException if the store could not apply them (nothing was applied)
   */
  void apply(List<FactChange> changes);

  /**
   * Returns the stored facts matching a pattern.
   *
   * @param pattern the pattern
   * @return the matching facts, in no particular order
   */
  List<Fact> get(FactPattern pattern);

  /** Releases what the store holds open. The default does nothing. */
  @Override
  default void close() {}
}
