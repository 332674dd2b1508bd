package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;

/** A string or identifier in a shorthand rule: head, bare body term, or operand of {@code on}. */
public sealed interface ShTerm extends ShExpr {

  /**
   * A string such as {@code "reader"}.
   *
   * @param value the decoded string
   * @param span where it was written
   */
  record Str(String value, SourceSpan span) implements ShTerm {
    /** Creates a string term. */
    public Str {
      requireNonNull(value, "value");
      requireNonNull(span, "span");
    }
  }

  /**
   * An identifier such as {@code role}, {@code permission} or {@code resource}; which identifiers
   * are meaningful is checked later.
   *
   * @param name the identifier
   * @param span where it was written
   */
  record Ident(String name, SourceSpan span) implements ShTerm {
    /** Creates an identifier term. */
    public Ident {
      requireNonNull(name, "name");
      requireNonNull(span, "span");
    }
  }
}
