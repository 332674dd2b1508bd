package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;

/**
 * An argument or operand: variable, {@code _}, literal, entity literal, {@code @current_unix_time},
 * or a typed parameter. Primitive object literals ({@code String{"a"}}, {@code Integer{3}}, {@code
 * Boolean{true}}) mean exactly the plain literal and are parsed into {@link Str}, {@link Int} and
 * {@link Bool}; the printer writes the plain form.
 */
public sealed interface Term extends Node {

  /**
   * A named variable (including names that start with {@code _}, such as {@code _user}).
   *
   * @param name the name
   * @param span where it was written
   */
  record Var(String name, SourceSpan span) implements Term {
    /** Creates a variable. */
    public Var {
      requireNonNull(name, "name");
      requireNonNull(span, "span");
    }
  }

  /**
   * The anonymous variable {@code _}; each occurrence is a fresh variable.
   *
   * @param span where it was written
   */
  record Anon(SourceSpan span) implements Term {
    /** Creates an anonymous variable. */
    public Anon {
      requireNonNull(span, "span");
    }
  }

  /**
   * A string literal.
   *
   * @param value the decoded contents (escapes resolved)
   * @param span where the opening quote is
   */
  record Str(String value, SourceSpan span) implements Term {
    /** Creates a string literal. */
    public Str {
      requireNonNull(value, "value");
      requireNonNull(span, "span");
    }
  }

  /**
   * A 64-bit integer literal.
   *
   * @param value the value
   * @param span where it was written (the sign, if any)
   */
  record Int(long value, SourceSpan span) implements Term {
    /** Creates an integer literal. */
    public Int {
      requireNonNull(span, "span");
    }
  }

  /**
   * A boolean literal in term position.
   *
   * @param value the value
   * @param span where it was written
   */
  record Bool(boolean value, SourceSpan span) implements Term {
    /** Creates a boolean literal. */
    public Bool {
      requireNonNull(span, "span");
    }
  }

  /**
   * An entity literal {@code Type{"id"}} of a non-primitive type.
   *
   * @param type the type
   * @param id the decoded id
   * @param span where the type name starts
   */
  record Entity(TypeRef type, String id, SourceSpan span) implements Term {
    /** Creates an entity literal. */
    public Entity {
      requireNonNull(type, "type");
      requireNonNull(id, "id");
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code @current_unix_time}.
   *
   * @param span where it was written
   */
  record Now(SourceSpan span) implements Term {
    /** Creates the time constant. */
    public Now {
      requireNonNull(span, "span");
    }
  }

  /**
   * A typed variable {@code name: Type}; allowed only in rule heads, rule types and assertion
   * calls. {@code _: User} has the name {@code _}.
   *
   * @param name the variable name, {@code _} for an anonymous one
   * @param type the type
   * @param span where the variable starts
   */
  record Typed(String name, TypeRef type, SourceSpan span) implements Term {
    /** Creates a typed variable. */
    public Typed {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      requireNonNull(span, "span");
    }

    /**
     * Returns whether the variable is the anonymous {@code _}.
     *
     * @return true for {@code _: T}
     */
    public boolean isAnonymous() {
      return name.equals("_");
    }
  }
}
