package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;

/**
 * A use of a type name (typed parameter, {@code matches}, entity literal, relation target, {@code
 * extends}, {@code declare}). Whether the type exists is checked later.
 *
 * @param name the type name, such as {@code User} or {@code String}
 * @param span where it was written
 */
public record TypeRef(String name, SourceSpan span) implements Node {
  /** Creates a type reference. */
  public TypeRef {
    requireNonNull(name, "name");
    requireNonNull(span, "span");
  }
}
