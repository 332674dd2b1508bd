package dev.osoj.cli.serve;

import dev.osoj.Oso;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A backend over embedded engines built by a factory. {@link #clearData()} swaps in a fresh engine
 * loaded with the current policy; the server holds its write lock while doing so, so no request
 * sees half of it.
 *
 * <p>Limitations: {@link #stats()} and {@link #withBindings} are not available yet (the embedded
 * engine does not expose fact counts or per-request bindings through {@link Oso}).
 */
final class EngineBackend implements ServeBackend {
  private final Supplier<Oso> factory;
  private final AtomicReference<Oso> current;
  private volatile @Nullable String policy;

  EngineBackend(Supplier<Oso> factory) {
    this.factory = factory;
    this.current = new AtomicReference<>(factory.get());
  }

  @Override
  public Oso oso() {
    return current.get();
  }

  @Override
  public void policy(String src) {
    current.get().policy(src);
    policy = src;
  }

  @Override
  public Oso withBindings(String dataBindings) {
    throw new UnsupportedOperationException(
        "local authorization endpoints need the SQL planner, which this build lacks");
  }

  @Override
  public void clearData() {
    Oso fresh = factory.get();
    String src = policy;
    if (src != null) {
      fresh.policy(src);
    }
    Oso old = current.getAndSet(fresh);
    old.close();
  }

  @Override
  public Stats stats() {
    throw new UnsupportedOperationException("fact counts are not available from this engine");
  }

  @Override
  public void close() {
    current.get().close();
  }
}
