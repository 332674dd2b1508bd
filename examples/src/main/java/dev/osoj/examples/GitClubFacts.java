package dev.osoj.examples;

import dev.osoj.Fact;
import dev.osoj.Value;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads the GitClub tables as Oso facts, for the configurations that keep facts in Oso's own store
 * (in memory or in the managed fact table) rather than reading the tables through local bindings.
 */
public final class GitClubFacts {
  private GitClubFacts() {}

  /**
   * Returns the facts the GitClub tables hold: roles, relations and public repositories.
   *
   * @param dataSource the database
   * @return the facts
   * @throws SQLException if a query fails
   */
  public static List<Fact> read(DataSource dataSource) throws SQLException {
    List<Fact> facts = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      query(
          s,
          "SELECT user_id, role, organization_id FROM org_roles",
          facts,
          r -> Fact.of("has_role", user(r, 1), Value.of(r.getString(2)), id("Organization", r, 3)));
      query(
          s,
          "SELECT user_id, role, repository_id FROM repo_roles",
          facts,
          r -> Fact.of("has_role", user(r, 1), Value.of(r.getString(2)), id("Repository", r, 3)));
      query(
          s,
          "SELECT id, organization_id FROM repositories",
          facts,
          r -> relation(id("Repository", r, 1), "organization", id("Organization", r, 2)));
      query(
          s,
          "SELECT id FROM repositories WHERE is_public",
          facts,
          r -> Fact.of("is_public", id("Repository", r, 1)));
      query(
          s,
          "SELECT id, repository_id FROM issues",
          facts,
          r -> relation(id("Issue", r, 1), "repository", id("Repository", r, 2)));
      query(
          s,
          "SELECT id, repository_id FROM folders WHERE repository_id IS NOT NULL",
          facts,
          r -> relation(id("Folder", r, 1), "repository", id("Repository", r, 2)));
      query(
          s,
          "SELECT id, parent_id FROM folders WHERE parent_id IS NOT NULL",
          facts,
          r -> relation(id("Folder", r, 1), "parent", id("Folder", r, 2)));
    }
    return facts;
  }

  private interface RowToFact {
    Fact apply(ResultSet row) throws SQLException;
  }

  private static void query(Statement s, String sql, List<Fact> out, RowToFact f)
      throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(f.apply(r));
      }
    }
  }

  private static Value user(ResultSet r, int column) throws SQLException {
    return new Value("User", r.getString(column));
  }

  private static Value id(String type, ResultSet r, int column) throws SQLException {
    return new Value(type, Long.toString(r.getLong(column)));
  }

  private static Fact relation(Value from, String name, Value to) {
    return Fact.of("has_relation", from, Value.of(name), to);
  }
}
