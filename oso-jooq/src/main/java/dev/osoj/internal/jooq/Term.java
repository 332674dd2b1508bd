package dev.osoj.internal.jooq;

import dev.osoj.sql.SqlType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * One value of a tuple while a plan is rendered: its type (known statically, or a text column) and
 * its id (a column of some SQL type, or a constant still to be bound).
 *
 * @param staticType the type when known statically, else null
 * @param typeField the column holding the type name when not known statically, else null
 * @param idField the column holding the id, or null for a constant
 * @param constantId the id of a constant, else null
 * @param sqlType the SQL type of {@code idField} ({@link SqlType#TEXT} for a constant)
 */
record Term(
    @Nullable String staticType,
    @Nullable Field<String> typeField,
    @Nullable Field<?> idField,
    @Nullable String constantId,
    SqlType sqlType) {

  /** Creates a term, checking that exactly one form of type and one form of id are present. */
  Term {
    if ((staticType == null) == (typeField == null)) {
      throw new AssertionError("a term has either a static type or a type column");
    }
    if ((idField == null) == (constantId == null)) {
      throw new AssertionError("a term has either an id column or a constant id");
    }
  }

  static Term constant(String type, String id) {
    return new Term(type, null, null, id, SqlType.TEXT);
  }

  static Term column(
      @Nullable String staticType,
      @Nullable Field<String> typeField,
      Field<?> id,
      SqlType sqlType) {
    return new Term(staticType, typeField, id, null, sqlType);
  }

  /** Returns the type as an SQL expression (a bound value when static). */
  Field<String> typeExpression() {
    return typeField != null ? typeField : DSL.val(staticType, SQLDataType.VARCHAR);
  }

  /** Returns the id as an SQL expression of this term's SQL type (a bound value when constant). */
  Field<?> idExpression() {
    return idField != null ? idField : DSL.val(constantId, SQLDataType.VARCHAR);
  }

  /** Returns the id as text, casting a non-text column. */
  Field<String> idAsText() {
    if (idField == null) {
      return DSL.val(constantId, SQLDataType.VARCHAR);
    }
    if (sqlType.isText()) {
      @SuppressWarnings("unchecked")
      Field<String> text = (Field<String>) idField;
      return text;
    }
    return idField.cast(SQLDataType.VARCHAR);
  }
}
