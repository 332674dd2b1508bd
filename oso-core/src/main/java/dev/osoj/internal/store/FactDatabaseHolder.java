package dev.osoj.internal.store;

/** A fact store whose facts live in a {@link FactDatabase} the evaluator can read directly. */
public interface FactDatabaseHolder {
  /**
   * Returns the database.
   *
   * @return the database
   */
  FactDatabase database();
}
