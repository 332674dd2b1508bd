package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;
import java.util.List;

/**
 * The {@code setup { … }} section of a test block.
 *
 * @param items facts and fixture references in source order
 * @param span where the {@code setup} keyword is
 */
public record Setup(List<SetupItem> items, SourceSpan span) implements Node {
  /** Creates a setup section. */
  public Setup {
    items = List.copyOf(items);
    requireNonNull(span, "span");
  }
}
