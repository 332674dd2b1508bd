package dev.osoj.sql;

import dev.osoj.Value;
import org.jspecify.annotations.Nullable;

/**
 * How one plan column appears in rendered SQL: the expression of its type (or the type when it is
 * known statically), the expression of its id and the SQL type of that id, or the constant value,
 * or a wildcard.
 *
 * @param constant the value when the column is a constant
 * @param staticType the type when every value of the column has it, else null
 * @param typeSql the type expression when the type is not static
 * @param idSql the id expression
 * @param idType the SQL type of the id expression
 * @param anyType for a wildcard column, the type it ranges over
 */
record SqlCol(
    @Nullable Value constant,
    @Nullable String staticType,
    @Nullable String typeSql,
    String idSql,
    SqlType idType,
    @Nullable String anyType) {

  static SqlCol dynamic(String typeSql, String idSql) {
    return new SqlCol(null, null, typeSql, idSql, SqlType.TEXT, null);
  }

  static SqlCol typed(String type, String idSql, SqlType idType) {
    return new SqlCol(null, type, null, idSql, idType, null);
  }

  static SqlCol any(String type) {
    return new SqlCol(null, null, null, "NULL", SqlType.TEXT, type);
  }

  boolean isAny() {
    return anyType != null;
  }
}
