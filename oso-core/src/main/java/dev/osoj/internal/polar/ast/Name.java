package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;

/**
 * A name or string with its own position: a declaration key, an entry of a string list, a relation
 * name, a rule flag, a predicate name.
 *
 * @param text the identifier, or the decoded string contents
 * @param span where it was written
 */
public record Name(String text, SourceSpan span) implements Node {
  /** Creates a name. */
  public Name {
    requireNonNull(text, "text");
    requireNonNull(span, "span");
  }
}
