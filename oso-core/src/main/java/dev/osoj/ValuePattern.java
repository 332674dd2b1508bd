package dev.osoj;

import static java.util.Objects.requireNonNull;

/**
 * One argument position of a {@link FactPattern}: any value, any value of one type, or one exact
 * value.
 */
public sealed interface ValuePattern {
  /** The pattern that matches every value. */
  ValuePattern ANY = new Any();

  /**
   * Returns whether the pattern matches a value.
   *
   * @param value the value to test
   * @return true if it matches
   */
  boolean matches(Value value);

  /**
   * Returns a pattern matching every value of a type.
   *
   * @param type the type name
   * @return the pattern
   */
  static ValuePattern ofType(String type) {
    return new OfType(type);
  }

  /**
   * Returns a pattern matching exactly one value.
   *
   * @param value the value
   * @return the pattern
   */
  static ValuePattern exact(Value value) {
    return new Exact(value);
  }

  /** Matches every value. */
  record Any() implements ValuePattern {
    @Override
    public boolean matches(Value value) {
      return true;
    }

    @Override
    public String toString() {
      return "_";
    }
  }

  /**
   * Matches every value of one type (exactly that type, not its subtypes, as in Oso Cloud).
   *
   * @param type the type name
   */
  record OfType(String type) implements ValuePattern {
    /** Creates the pattern, checking the type is not empty. */
    public OfType {
      requireNonNull(type, "type");
      if (type.isEmpty()) {
        throw new IllegalArgumentException("pattern type must not be empty");
      }
    }

    @Override
    public boolean matches(Value value) {
      return value.type().equals(type);
    }

    @Override
    public String toString() {
      return type + ":_";
    }
  }

  /**
   * Matches one value.
   *
   * @param value the value
   */
  record Exact(Value value) implements ValuePattern {
    /** Creates the pattern. */
    public Exact {
      requireNonNull(value, "value");
    }

    @Override
    public boolean matches(Value candidate) {
      return value.equals(candidate);
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }
}
