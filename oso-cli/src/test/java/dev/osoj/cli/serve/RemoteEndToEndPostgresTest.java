package dev.osoj.cli.serve;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every end-to-end test again with {@code --store jdbc:postgresql:…} on an embedded PostgreSQL, one
 * fresh schema per test.
 */
class RemoteEndToEndPostgresTest extends RemoteEndToEndTest {
  private static final AtomicInteger schemas = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  String[] storeArgs() {
    String schema = "serve" + schemas.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new String[] {
      "--store",
      "jdbc:postgresql://localhost:"
          + postgres.getPort()
          + "/postgres?user=postgres&currentSchema="
          + schema
    };
  }
}
