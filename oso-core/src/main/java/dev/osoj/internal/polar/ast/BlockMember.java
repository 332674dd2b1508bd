package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;

/** A member of an {@code actor}, {@code resource} or {@code global} block. */
public sealed interface BlockMember extends Node {

  /**
   * {@code key = value;}. The key is kept as written ({@code roles}, {@code permissions}, {@code
   * relations} or anything else) and the value as a string list or a map, so the checker can report
   * unknown keys and wrong shapes as {@code BadDeclaration}.
   *
   * @param key the key
   * @param value the value
   * @param span where the declaration starts (the key)
   */
  record Declaration(Name key, DeclValue value, SourceSpan span) implements BlockMember {
    /** Creates a declaration. */
    public Declaration {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
      requireNonNull(span, "span");
    }
  }

  /**
   * A shorthand rule {@code head if body;}.
   *
   * @param head a string ({@code "read"}) or a variable form ({@code role}, {@code permission})
   * @param body the body
   * @param span where the rule starts
   */
  record ShorthandRule(ShTerm head, ShExpr body, SourceSpan span) implements BlockMember {
    /** Creates a shorthand rule. */
    public ShorthandRule {
      requireNonNull(head, "head");
      requireNonNull(body, "body");
      requireNonNull(span, "span");
    }
  }
}
