package dev.osoj.sql;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SQL dialects the renderers write. Both understand {@code WITH RECURSIVE}, {@code VALUES} and
 * correlated {@code EXISTS}; they differ in type names and casts.
 *
 * <p>Identifiers that come from configuration (table names, column names, the caller's column) are
 * checked with {@link #checkIdentifier} before they reach SQL text; values never do, they are
 * bound.
 */
public enum SqlDialect {
  /** H2 2.x (in its default mode). */
  H2,
  /** PostgreSQL 12 and later. */
  POSTGRES;

  private static final String PART = "(?:[A-Za-z_][A-Za-z0-9_$]*|\"[^\"\\x00]+\"|\\{[A-Za-z_]+\\})";
  private static final Pattern QUALIFIED = Pattern.compile(PART + "(?:\\." + PART + "){0,2}");
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * Checks a possibly qualified SQL identifier from configuration or from the caller: up to three
   * dot-separated parts, each a plain identifier, a double-quoted identifier without quotes inside,
   * or a {@code {alias}} placeholder (as Hibernate filter conditions use).
   *
   * @param identifier the identifier, such as {@code repositories.id} or {@code "Repo"."Id"}
   * @return the identifier, unchanged
   * @throws IllegalArgumentException naming the identifier if it is not acceptable
   */
  public static String checkIdentifier(String identifier) {
    if (!QUALIFIED.matcher(identifier).matches()) {
      throw new IllegalArgumentException(
          "'"
              + identifier
              + "' is not an acceptable SQL identifier (letters, digits, '_', '$', up to three"
              + " dot-separated parts, double-quoted parts without quotes inside)");
    }
    return identifier;
  }

  /**
   * Checks a simple unquoted identifier (letters, digits and {@code _}, not starting with a digit).
   *
   * @param identifier the identifier
   * @return the identifier, unchanged
   * @throws IllegalArgumentException naming the identifier if it is not acceptable
   */
  public static String checkSimpleIdentifier(String identifier) {
    if (!SIMPLE.matcher(identifier).matches()) {
      throw new IllegalArgumentException(
          "'" + identifier + "' is not a simple SQL identifier (letters, digits and '_')");
    }
    return identifier;
  }

  /**
   * Returns one part of a name without its double quotes when this database would read the plain
   * name as the same name (it folds plain names to upper case on H2, to lower case on PostgreSQL):
   * {@code "REPOSITORIES"} becomes {@code REPOSITORIES} on H2 and stays quoted on PostgreSQL. Any
   * other part, plain or quoted, is returned unchanged.
   *
   * @param part a plain identifier or a double-quoted one
   * @return the part, plain where that names the same thing
   */
  public String plainName(String part) {
    if (part.length() < 3 || part.charAt(0) != '"' || part.charAt(part.length() - 1) != '"') {
      return part;
    }
    String bare = part.substring(1, part.length() - 1);
    String folded = this == H2 ? bare.toUpperCase(Locale.ROOT) : bare.toLowerCase(Locale.ROOT);
    return bare.equals(folded) && SIMPLE.matcher(bare).matches() ? bare : part;
  }

  /**
   * Returns whether two possibly qualified names name the same thing in this database: part by
   * part, after {@link #plainName}, plain parts equal ignoring case and quoted parts equal exactly
   * (a part still quoted then is one the database reads case-sensitively, so it never equals a
   * plain one).
   *
   * @param a a name of dot-separated parts, each plain or double-quoted without dots inside
   * @param b another
   * @return whether they are the same name
   */
  boolean sameName(String a, String b) {
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    if (x.length != y.length) {
      return false;
    }
    for (int i = 0; i < x.length; i++) {
      String p = plainName(x[i]);
      String q = plainName(y[i]);
      boolean same = p.startsWith("\"") || q.startsWith("\"") ? p.equals(q) : p.equalsIgnoreCase(q);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the name of the character type used for ids and type names.
   *
   * @return the type name
   */
  String textType() {
    return this == POSTGRES ? "TEXT" : "VARCHAR";
  }

  /**
   * Returns the SQL type name for a column of the given kind.
   *
   * @param type the kind
   * @return the dialect's type name
   */
  String typeName(SqlType type) {
    switch (type) {
      case TEXT:
        return textType();
      case INTEGER:
        return "INTEGER";
      case BIGINT:
        return "BIGINT";
      case UUID:
        return "UUID";
      case BOOLEAN:
        return "BOOLEAN";
      default:
        throw new AssertionError(type);
    }
  }
}
