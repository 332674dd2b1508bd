package dev.osoj;

/** Configures an embedded {@link Oso}. */
public final class EmbeddedBuilder {
  EmbeddedBuilder() {}

  /**
   * Builds the instance.
   *
   * @return the instance
   */
  public Oso build() {
    // TODO(#3): the embedded engine replaces this placeholder.
    throw new UnsupportedOperationException("the embedded engine is not built yet");
  }
}
