package dev.osoj.examples;

import dev.osoj.sql.SqlDialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The two databases the tests run on; one embedded PostgreSQL for the whole test run. */
public enum Databases {
  /** H2 in memory, a new database per call of {@link #fresh}. */
  H2(SqlDialect.H2),
  /** Embedded PostgreSQL, a new schema per call of {@link #fresh}. */
  POSTGRES(SqlDialect.POSTGRES);

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

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
    int n = COUNTER.incrementAndGet();
    if (this == H2) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:osoj" + n + ";DB_CLOSE_DELAY=-1");
      return ds;
    }
    String schema = "t" + n;
    DataSource base = postgres().getPostgresDatabase();
    try (Connection c = base.getConnection()) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(
        "jdbc:postgresql://localhost:"
            + postgres().getPort()
            + "/postgres?currentSchema="
            + schema);
    ds.setUser("postgres");
    return ds;
  }

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(Databases::stop));
    }
    return postgres;
  }

  private static void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      // the process is exiting
    }
  }
}
