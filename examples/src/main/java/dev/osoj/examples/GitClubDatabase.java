package dev.osoj.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates the GitClub schema and fills it with a small, fixed data set that both the demo and the
 * tests use. Works on H2 and PostgreSQL.
 *
 * <p>The data: organizations acme (1) and globex (2); repositories anvil (10), rockets (11) and
 * docs (12, public) in acme, secret (20) and website (21, public) in globex; alice owns acme, bob
 * is a member of globex and reads anvil, carol maintains secret; issues 100–104; folders nested
 * three deep under anvil (1000 → 1001 → 1002) and two deep under secret (2000 → 2001).
 */
public final class GitClubDatabase {
  private static final List<String> TABLES =
      List.of(
          "repo_roles", "org_roles", "folders", "issues", "repositories", "organizations", "users");

  private GitClubDatabase() {}

  /**
   * Drops the GitClub tables if they exist, creates them and inserts the data set.
   *
   * @param dataSource the database
   * @throws SQLException if a statement fails
   */
  public static void createAndSeed(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String table : TABLES) {
          s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
        }
        for (String ddl : schemaStatements()) {
          s.execute(ddl);
        }
      }
      seed(c);
      c.commit();
    }
  }

  private static List<String> schemaStatements() {
    try (InputStream in = GitClubDatabase.class.getResourceAsStream("/schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("resource '/schema.sql' is missing");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return List.of(text.split(";\\s*")).stream().filter(s -> !s.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void seed(Connection c) throws SQLException {
    rows(
        c,
        "INSERT INTO users VALUES (?, ?)",
        new Object[][] {{"alice", "Alice"}, {"bob", "Bob"}, {"carol", "Carol"}});
    rows(
        c,
        "INSERT INTO organizations VALUES (?, ?)",
        new Object[][] {{1L, "acme"}, {2L, "globex"}});
    rows(
        c,
        "INSERT INTO repositories VALUES (?, ?, ?, ?)",
        new Object[][] {
          {10L, 1L, "anvil", false},
          {11L, 1L, "rockets", false},
          {12L, 1L, "docs", true},
          {20L, 2L, "secret", false},
          {21L, 2L, "website", true}
        });
    rows(
        c,
        "INSERT INTO issues VALUES (?, ?, ?, ?)",
        new Object[][] {
          {100L, 10L, "anvil falls too slowly", false},
          {101L, 10L, "anvil needs a handle", false},
          {102L, 11L, "rocket skates overheat", true},
          {103L, 20L, "the secret leaked", false},
          {104L, 21L, "website typo", false}
        });
    rows(
        c,
        "INSERT INTO folders VALUES (?, ?, ?, ?)",
        new Object[][] {
          {1000L, 10L, null, "src"},
          {1001L, null, 1000L, "main"},
          {1002L, null, 1001L, "java"},
          {2000L, 20L, null, "plans"},
          {2001L, null, 2000L, "2027"}
        });
    rows(
        c,
        "INSERT INTO org_roles VALUES (?, ?, ?)",
        new Object[][] {{"alice", "owner", 1L}, {"bob", "member", 2L}});
    rows(
        c,
        "INSERT INTO repo_roles VALUES (?, ?, ?)",
        new Object[][] {{"bob", "reader", 10L}, {"carol", "maintainer", 20L}});
  }

  private static void rows(Connection c, String sql, Object[][] rows) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          if (row[i] == null) {
            p.setNull(i + 1, java.sql.Types.BIGINT);
          } else {
            p.setObject(i + 1, row[i]);
          }
        }
        p.addBatch();
      }
      p.executeBatch();
    }
  }
}
