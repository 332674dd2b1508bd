package dev.osoj.jooq;

import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.TestDatabases;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/** The two databases the tests run on, with their jOOQ dialects; see {@link TestDatabases}. */
public enum Databases {
  /** H2 in memory, a new database per call of {@link #fresh}. */
  H2(SQLDialect.H2, SqlDialect.H2),
  /** Embedded PostgreSQL, a new schema per call of {@link #fresh}. */
  POSTGRES(SQLDialect.POSTGRES, SqlDialect.POSTGRES);

  private final SQLDialect dialect;
  private final SqlDialect osoDialect;

  Databases(SQLDialect dialect, SqlDialect osoDialect) {
    this.dialect = dialect;
    this.osoDialect = osoDialect;
  }

  /** Returns the jOOQ dialect. */
  public SQLDialect dialect() {
    return dialect;
  }

  /** Returns an empty database (H2) or schema (PostgreSQL) as a data source. */
  public DataSource fresh() {
    return TestDatabases.of(osoDialect);
  }
}
