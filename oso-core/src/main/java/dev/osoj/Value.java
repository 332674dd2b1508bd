package dev.osoj;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * A value of the Oso data model: a type name and an id, both strings.
 *
 * <p>Entities are values of a declared actor or resource type ({@code User:alice}). Primitive
 * values use the types {@code String}, {@code Integer} and {@code Boolean}; their ids are the text
 * of the value ({@code Integer:42}, {@code Boolean:true}). Integer and boolean ids are put in a
 * canonical form on construction, so {@code Value.of(42)} equals {@code new Value("Integer",
 * "042")}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param type the type name, never empty
 * @param id the id, never empty
 */
public record Value(String type, String id) implements Comparable<Value> {
  /** The type name of string values. */
  public static final String STRING = "String";

  /** The type name of 64-bit signed integer values. */
  public static final String INTEGER = "Integer";

  /** The type name of boolean values. */
  public static final String BOOLEAN = "Boolean";

  /** The largest size, in UTF-8 bytes, of one fact argument. */
  public static final int MAX_ID_BYTES = 384;

  /**
   * Creates a value, checking that neither part is empty and canonicalising primitive ids.
   *
   * @throws IllegalArgumentException if the type or id is empty, or an {@code Integer} or {@code
   *     Boolean} id is not a valid literal of its type
   */
  public Value {
    requireNonNull(type, "type");
    requireNonNull(id, "id");
    if (type.isEmpty()) {
      throw new IllegalArgumentException("value type must not be empty (id '" + id + "')");
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("value id must not be empty (type '" + type + "')");
    }
    if (type.equals(INTEGER)) {
      id = canonicalInteger(id);
    } else if (type.equals(BOOLEAN)) {
      id = canonicalBoolean(id);
    }
  }

  /**
   * Returns a string value.
   *
   * @param s the string, not empty
   * @return the value {@code String:s}
   */
  public static Value of(String s) {
    return new Value(STRING, s);
  }

  /**
   * Returns an integer value.
   *
   * @param n the number
   * @return the value {@code Integer:n}
   */
  public static Value of(long n) {
    return new Value(INTEGER, Long.toString(n));
  }

  /**
   * Returns a boolean value.
   *
   * @param b the boolean
   * @return the value {@code Boolean:true} or {@code Boolean:false}
   */
  public static Value of(boolean b) {
    return new Value(BOOLEAN, Boolean.toString(b));
  }

  /**
   * Parses the {@code Type:id} notation of the Oso command line. A text without a colon is a string
   * value.
   *
   * @param text the text, such as {@code Repository:acme/anvil}
   * @return the value
   * @throws IllegalArgumentException if the type or id is empty
   */
  public static Value parse(String text) {
    requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon < 0) {
      return of(text);
    }
    return new Value(text.substring(0, colon), text.substring(colon + 1));
  }

  /**
   * Returns whether this value has one of the primitive types.
   *
   * @return true for {@code String}, {@code Integer} and {@code Boolean} values
   */
  public boolean isPrimitive() {
    return type.equals(STRING) || type.equals(INTEGER) || type.equals(BOOLEAN);
  }

  /**
   * Returns the number this integer value holds.
   *
   * @return the number
   * @throws IllegalStateException if this is not an {@code Integer} value
   */
  public long asLong() {
    if (!type.equals(INTEGER)) {
      throw new IllegalStateException("value '" + this + "' is not an Integer");
    }
    return Long.parseLong(id);
  }

  /**
   * Returns the size of the id in UTF-8 bytes.
   *
   * @return the number of bytes
   */
  public int idBytes() {
    return id.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Orders values by type name, then by id (integers numerically). */
  @Override
  public int compareTo(Value other) {
    int byType = type.compareTo(other.type);
    if (byType != 0) {
      return byType;
    }
    if (type.equals(INTEGER)) {
      return Long.compare(asLong(), other.asLong());
    }
    return id.compareTo(other.id);
  }

  /** Returns the value in {@code Type:id} notation. */
  @Override
  public String toString() {
    return type + ":" + id;
  }

  private static String canonicalInteger(String id) {
    try {
      return Long.toString(Long.parseLong(id.startsWith("+") ? id.substring(1) : id));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "integer value id '" + id + "' is not a 64-bit signed decimal integer", e);
    }
  }

  private static String canonicalBoolean(String id) {
    if (id.equals("true") || id.equals("false")) {
      return id;
    }
    throw new IllegalArgumentException("boolean value id '" + id + "' is not 'true' or 'false'");
  }
}
