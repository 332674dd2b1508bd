package dev.osoj.internal.program;

import static java.util.Objects.requireNonNull;

import dev.osoj.Value;

/** An argument of a rule head or body literal: a variable, a constant, or the current time. */
public sealed interface Term {
  /**
   * A named variable. Anonymous variables ({@code _}) are renamed apart by the front end into fresh
   * names starting with {@code _}, so every {@code Var} with the same name in one rule is the same
   * variable.
   *
   * @param name the variable name
   */
  record Var(String name) implements Term {
    /** Creates a variable. */
    public Var {
      requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A constant value (string, integer, boolean or entity literal).
   *
   * @param value the value
   */
  record Const(Value value) implements Term {
    /** Creates a constant. */
    public Const {
      requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  /** {@code @current_unix_time}: one Integer per question, seconds since the epoch. */
  record Now() implements Term {
    @Override
    public String toString() {
      return "@current_unix_time";
    }
  }
}
