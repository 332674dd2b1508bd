package dev.osoj.internal.jooq;

/** The column names of the managed fact table of {@code JdbcFactStore}. */
final class FactTables {
  static final String PREDICATE_COLUMN = "predicate";
  static final String ARITY_COLUMN = "arity";

  private FactTables() {}

  static String typeColumn(int i) {
    return "t" + i;
  }

  static String idColumn(int i) {
    return "v" + i;
  }
}
