package dev.osoj.internal.jooq;

import dev.osoj.sql.SqlType;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/** Conversions between Oso's SQL types, jOOQ data types and bound ids. */
final class Types {
  private Types() {}

  /** Returns the jOOQ data type of an id column of a SQL type. */
  static DataType<?> dataType(SqlType type) {
    switch (type) {
      case TEXT:
        return SQLDataType.VARCHAR;
      case INTEGER:
        return SQLDataType.INTEGER;
      case BIGINT:
        return SQLDataType.BIGINT;
      case UUID:
        return SQLDataType.UUID;
      case BOOLEAN:
        return SQLDataType.BOOLEAN;
      default:
        throw new AssertionError(type);
    }
  }

  /**
   * Returns the SQL type of a caller's column from its jOOQ data type.
   *
   * @param type the data type
   * @return the SQL type; {@link SqlType#TEXT} for anything not numeric, UUID or boolean
   */
  static SqlType sqlTypeOf(DataType<?> type) {
    Class<?> c = type.getType();
    if (c == Long.class || c == java.math.BigInteger.class) {
      return SqlType.BIGINT;
    }
    if (c == Integer.class || c == Short.class || c == Byte.class) {
      return SqlType.INTEGER;
    }
    if (c == UUID.class) {
      return SqlType.UUID;
    }
    if (c == Boolean.class) {
      return SqlType.BOOLEAN;
    }
    return SqlType.TEXT;
  }

  /** Returns whether two id columns can be compared without casting. */
  static boolean comparable(SqlType a, SqlType b) {
    return a == b || (isInteger(a) && isInteger(b));
  }

  private static boolean isInteger(SqlType t) {
    return t == SqlType.INTEGER || t == SqlType.BIGINT;
  }

  /**
   * Returns an id bound as a value of a column's SQL type, or null when no value of that type has
   * this id as its text (so the comparison is false).
   *
   * @param type the column's SQL type
   * @param id the id text
   * @return the bind value, or null
   */
  static @Nullable Field<?> bind(SqlType type, String id) {
    try {
      switch (type) {
        case TEXT:
          return DSL.val(id, SQLDataType.VARCHAR);
        case INTEGER:
          return canonical(id, Integer.valueOf(id)) ? DSL.val(Integer.valueOf(id)) : null;
        case BIGINT:
          return canonical(id, Long.valueOf(id)) ? DSL.val(Long.valueOf(id)) : null;
        case UUID:
          UUID uuid = UUID.fromString(id);
          return canonical(id, uuid) ? DSL.val(uuid, SQLDataType.UUID) : null;
        case BOOLEAN:
          return id.equals("true") || id.equals("false")
              ? DSL.val(Boolean.valueOf(id), SQLDataType.BOOLEAN)
              : null;
        default:
          throw new AssertionError(type);
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean canonical(String id, Object parsed) {
    return parsed.toString().equals(id);
  }
}
