package dev.osoj.benchmarks;

import dev.osoj.sql.SqlDialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The GitClub schema of the SQL benchmarks: 1,000 organizations, 1,000,000 repositories (one in 97
 * public), 10,000 users each with one organization role and five repository roles, generated with
 * set-based SQL ({@code SYSTEM_RANGE} on H2, {@code generate_series} on PostgreSQL), plus the
 * indexes a DBA would add. Also fills the managed fact table with the same facts for the SQL-backed
 * {@code authorize}.
 */
final class SqlSchema {
  static final int ORGS = 1_000;
  static final int REPOS = 1_000_000;
  static final int USERS = 10_000;

  private static EmbeddedPostgres postgres;

  private SqlSchema() {}

  static synchronized DataSource open(SqlDialect dialect) {
    if (dialect == SqlDialect.H2) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
      // No pool for H2: a session hands back the previous result of an identical statement with
      // identical parameters when no data changed, so a pooled session would measure that cache,
      // not the query. Opening an in-memory session is cheap. (Turning the reuse off instead,
      // OPTIMIZE_REUSE_RESULTS=FALSE, also makes H2 re-run every IN sub-query for each row.)
      return ds;
    }
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pooled(postgres.getPostgresDatabase());
  }

  /** Wraps a data source in a small connection pool, as an application would. */
  static DataSource pooled(DataSource raw) {
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setDataSource(raw);
    config.setMaximumPoolSize(4);
    return new com.zaxxer.hikari.HikariDataSource(config);
  }

  static synchronized void close() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  static void create(DataSource ds, SqlDialect dialect) throws SQLException {
    String range =
        dialect == SqlDialect.H2 ? "SYSTEM_RANGE(1, %d) g(x)" : "generate_series(1, %d) g(x)";
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "DROP TABLE IF EXISTS organizations, repositories, org_roles, repo_roles, osoj_facts");
      st.execute("CREATE TABLE organizations (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL)");
      st.execute(
          "CREATE TABLE repositories (id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL,"
              + " name VARCHAR(100) NOT NULL, is_public BOOLEAN NOT NULL)");
      st.execute("CREATE TABLE org_roles (user_id INTEGER, role VARCHAR(20), org_id INTEGER)");
      st.execute("CREATE TABLE repo_roles (user_id INTEGER, role VARCHAR(20), repo_id INTEGER)");
      st.execute(
          "INSERT INTO organizations SELECT x, CONCAT('org', x) FROM "
              + String.format(range, ORGS));
      st.execute(
          "INSERT INTO repositories SELECT x, 1 + MOD(x, "
              + ORGS
              + "), CONCAT('repo',"
              + " MOD(CAST(x AS BIGINT) * 7919, 1000003)), MOD(x, 97) = 0 FROM "
              + String.format(range, REPOS));
      st.execute(
          "INSERT INTO org_roles SELECT x, CASE WHEN MOD(x, 10) = 0 THEN 'admin' ELSE 'member' END,"
              + " 1 + MOD(CAST(x AS BIGINT) * 13, "
              + ORGS
              + ") FROM "
              + String.format(range, USERS));
      st.execute(
          "INSERT INTO repo_roles SELECT 1 + MOD(x, "
              + USERS
              + "), CASE WHEN MOD(x, 3) = 0 THEN"
              + " 'maintainer' ELSE 'reader' END, 1 + MOD(CAST(x AS BIGINT) * 104729, "
              + REPOS
              + ") FROM "
              + String.format(range, USERS * 5));
      st.execute("CREATE INDEX repositories_org ON repositories (org_id)");
      st.execute("CREATE INDEX repositories_name ON repositories (name, id)");
      st.execute("CREATE INDEX repositories_public ON repositories (is_public, id)");
      st.execute("CREATE INDEX org_roles_user ON org_roles (user_id, org_id, role)");
      st.execute("CREATE INDEX repo_roles_user ON repo_roles (user_id, repo_id, role)");
      st.execute("CREATE INDEX repo_roles_repo ON repo_roles (repo_id, user_id)");
      if (dialect == SqlDialect.POSTGRES) {
        st.execute("ANALYZE");
      }
    }
  }

  /** Fills the managed fact table (created beforehand by the store) from the tables, set-based. */
  static void copyFacts(DataSource ds, SqlDialect dialect) throws SQLException {
    String pad = ", '', '', '', ''";
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO osoj_facts SELECT CONCAT('o', user_id, '/', org_id), 'has_role', 3, 'User',"
              + " CAST(user_id AS VARCHAR(20)), 'String', role, 'Organization', CAST(org_id AS"
              + " VARCHAR(20))"
              + pad
              + " FROM org_roles");
      st.execute(
          "INSERT INTO osoj_facts SELECT DISTINCT CONCAT('p', user_id, '/', repo_id, role),"
              + " 'has_role', 3, 'User', CAST(user_id AS VARCHAR(20)), 'String', role,"
              + " 'Repository', CAST(repo_id AS VARCHAR(20))"
              + pad
              + " FROM repo_roles");
      st.execute(
          "INSERT INTO osoj_facts SELECT CONCAT('r', id), 'has_relation', 3, 'Repository',"
              + " CAST(id AS VARCHAR(20)), 'String', 'organization', 'Organization', CAST(org_id AS"
              + " VARCHAR(20))"
              + pad
              + " FROM repositories");
      st.execute(
          "INSERT INTO osoj_facts SELECT CONCAT('u', id), 'is_public', 1, 'Repository', CAST(id AS"
              + " VARCHAR(20)), '', '', '', ''"
              + pad
              + " FROM repositories WHERE is_public");
      if (dialect == SqlDialect.POSTGRES) {
        st.execute("ANALYZE osoj_facts");
      }
    }
  }

  static String resource(String name) {
    try (InputStream in = SqlSchema.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
