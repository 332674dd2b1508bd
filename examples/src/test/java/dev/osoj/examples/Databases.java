package dev.osoj.examples;

import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.TestDatabases;
import javax.sql.DataSource;

/** The two databases the tests run on; see {@link TestDatabases}. */
public enum Databases {
  /** H2 in memory, a new database per call of {@link #fresh}. */
  H2(SqlDialect.H2),
  /** Embedded PostgreSQL, a new schema per call of {@link #fresh}. */
  POSTGRES(SqlDialect.POSTGRES);

  private final SqlDialect dialect;

  Databases(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** Returns the Oso dialect. */
  public SqlDialect dialect() {
    return dialect;
  }

  /** Returns an empty database (H2) or schema (PostgreSQL) as a data source. */
  public DataSource fresh() {
    return TestDatabases.of(dialect);
  }
}
