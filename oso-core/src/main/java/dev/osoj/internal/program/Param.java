package dev.osoj.internal.program;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One argument of a rule head: a term and, for a typed parameter {@code x: T}, the type.
 *
 * @param term the term (variable or constant)
 * @param type the declared type, or null for an untyped parameter or a literal
 */
public record Param(Term term, @Nullable String type) {
  /** Creates a parameter. */
  public Param {
    requireNonNull(term, "term");
  }
}
