package dev.osoj.sql;

import java.util.Locale;

/**
 * The SQL type of a column holding entity ids or primitive values, as named by {@code sql_types} in
 * local bindings ({@code integer}, {@code bigint}, {@code uuid}, {@code text}) plus {@code boolean}
 * for flag columns.
 *
 * <p>Values of the Oso model carry their id as text; when a column of another type meets text, the
 * renderers compare the column cast to text (see {@link #isText()}).
 */
public enum SqlType {
  /** Character data ({@code text}, {@code varchar}). */
  TEXT,
  /** A 32-bit integer ({@code integer}, {@code int}, {@code int4}). */
  INTEGER,
  /** A 64-bit integer ({@code bigint}, {@code int8}). */
  BIGINT,
  /** A UUID; its text form is the lowercase canonical one. */
  UUID,
  /** A boolean; its text form is {@code true} or {@code false}. */
  BOOLEAN;

  /**
   * Returns whether values of this type are stored as text.
   *
   * @return true for {@link #TEXT}
   */
  public boolean isText() {
    return this == TEXT;
  }

  /**
   * Parses a type name of {@code sql_types}, case-insensitively.
   *
   * @param name the name, such as {@code integer}, {@code INT8} or {@code varchar}
   * @return the type
   * @throws IllegalArgumentException naming the value and the accepted names if unknown
   */
  public static SqlType parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "text":
      case "varchar":
      case "string":
      case "character varying":
        return TEXT;
      case "integer":
      case "int":
      case "int4":
        return INTEGER;
      case "bigint":
      case "int8":
        return BIGINT;
      case "uuid":
        return UUID;
      case "boolean":
      case "bool":
        return BOOLEAN;
      default:
        throw new IllegalArgumentException(
            "unknown sql type '"
                + name
                + "'; expected one of integer, bigint, uuid, text, varchar, boolean");
    }
  }
}
