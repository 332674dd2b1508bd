package dev.osoj.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every end-to-end test again with {@code --store jdbc:h2:mem:…}: facts in a JDBC table, questions
 * answered as SQL. The local-authorization SQL is also run against the same H2 database.
 */
class RemoteEndToEndH2Test extends RemoteEndToEndTest {
  private static final AtomicInteger databases = new AtomicInteger();
  private String url;

  @Override
  String[] storeArgs() {
    url = "jdbc:h2:mem:serve_e2e_" + databases.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    return new String[] {"--store", url};
  }

  @Test
  void listLocal_sqlRunOnTheApplicationTable_returnsAuthorizedRows() throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE repositories (id VARCHAR(64) PRIMARY KEY, is_public BOOLEAN)");
      s.execute(
          "INSERT INTO repositories VALUES ('anvil', FALSE), ('gear', FALSE), ('zed', TRUE),"
              + " ('hidden', FALSE)");
      String filter = listLocalSql();
      List<String> ids = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery("SELECT id FROM repositories WHERE " + filter + " ORDER BY id")) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      assertThat(ids).containsExactly("anvil", "gear", "zed");
    }
  }
}
