package dev.osoj.internal.polar.ast;

import dev.osoj.SourceSpan;

/** Anything in the tree that has a position in the source. */
public interface Node {
  /**
   * Returns where the node starts in the source.
   *
   * @return the span of the node's first token
   */
  SourceSpan span();
}
