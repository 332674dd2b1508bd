package dev.osoj.internal.store;

import dev.osoj.spi.FactStore;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Lets the embedded engine reach the {@link FactDatabase} behind an in-memory fact store without
 * that store exposing it in its public API: the store installs an accessor once, when its class is
 * initialised, and the engine asks here.
 */
public final class FactDatabaseHolder {
  private static volatile Function<FactStore, @Nullable FactDatabase> accessor = store -> null;

  private FactDatabaseHolder() {}

  /**
   * Installs the accessor. Called once by {@code dev.osoj.store.MemoryFactStore}.
   *
   * @param databaseOf returns the database behind a store, or null when the store has none
   */
  public static void install(Function<FactStore, @Nullable FactDatabase> databaseOf) {
    accessor = databaseOf;
  }

  /**
   * Returns the database behind a fact store.
   *
   * @param store the store
   * @return the database, or null when the store does not keep one
   */
  public static @Nullable FactDatabase databaseOf(FactStore store) {
    return accessor.apply(store);
  }
}
