package dev.osoj.internal.polar;

import dev.osoj.Value;
import dev.osoj.internal.polar.ast.Term;
import dev.osoj.internal.polar.ast.TypeRef;
import dev.osoj.internal.program.TypeHierarchy;
import org.jspecify.annotations.Nullable;

/**
 * Turns literal terms of the syntax tree into values. {@code String{"a"}}, {@code Integer{3}} and
 * {@code Boolean{true}} already arrive as plain literals from the parser.
 *
 * <p>Limitation: the value model has no empty strings, so {@code ""} and entities with an empty id
 * are rejected ({@code TypeError}) wherever they appear.
 */
final class Terms {
  private final Diagnostics diagnostics;
  private final TypeScope scope;

  Terms(Diagnostics diagnostics, TypeScope scope) {
    this.diagnostics = diagnostics;
    this.scope = scope;
  }

  /** Returns whether the term is a literal or entity literal. */
  static boolean isConstant(Term term) {
    return term instanceof Term.Str
        || term instanceof Term.Int
        || term instanceof Term.Bool
        || term instanceof Term.Entity;
  }

  /**
   * Returns the value of a literal term, or null (after reporting) when it has none.
   *
   * @param term a term for which {@link #isConstant} holds
   */
  @Nullable Value constant(Term term) {
    if (term instanceof Term.Str) {
      String s = ((Term.Str) term).value();
      if (s.isEmpty()) {
        diagnostics.error(
            "TypeError", term.span(), "empty string literal: values must not be empty");
        return null;
      }
      return Value.of(s);
    } else if (term instanceof Term.Int) {
      return Value.of(((Term.Int) term).value());
    } else if (term instanceof Term.Bool) {
      return Value.of(((Term.Bool) term).value());
    } else if (term instanceof Term.Entity) {
      return entity((Term.Entity) term);
    }
    throw new AssertionError("not a constant: " + term);
  }

  private @Nullable Value entity(Term.Entity entity) {
    TypeRef type = entity.type();
    if (type.name().equals(Value.STRING)) {
      return constant(new Term.Str(entity.id(), entity.span()));
    }
    if (type.name().equals(TypeHierarchy.ACTOR)
        || type.name().equals(TypeHierarchy.RESOURCE)
        || TypeHierarchy.isPrimitive(type.name())) {
      diagnostics.error(
          "TypeError",
          type.span(),
          "'"
              + type.name()
              + "' cannot have entity literals; use a declared actor or resource type");
      return null;
    }
    if (!scope.resolve(type, TypeScope.Use.ENTITY)) {
      return null;
    }
    if (entity.id().isEmpty()) {
      diagnostics.error("TypeError", entity.span(), "entity '" + type.name() + "' has an empty id");
      return null;
    }
    return new Value(type.name(), entity.id());
  }
}
