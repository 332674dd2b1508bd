package dev.osoj.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The databases of the SQL tests: a fresh in-memory H2 database per call, and one embedded
 * PostgreSQL 14 per test run (started on first use) with a fresh schema per call.
 */
public final class TestDatabases {
  private static final AtomicInteger counter = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  /** Returns a data source of an empty H2 database. */
  public static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:osoj" + counter.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  /** Returns a data source whose current schema is a fresh, empty schema of the shared server. */
  public static synchronized DataSource postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stop));
    }
    String schema = "s" + counter.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return postgres.getDatabase("postgres", "postgres", Map.of("currentSchema", schema));
  }

  /** Returns a fresh database of a dialect. */
  public static DataSource of(SqlDialect dialect) {
    return dialect == SqlDialect.H2 ? h2() : postgres();
  }

  private static synchronized void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      // the JVM is exiting; nothing to do
    }
  }
}
