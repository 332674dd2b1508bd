package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A GitClub schema (organizations, repositories, org/repo/folder roles, a recursive folder table,
 * issues) read through local bindings: the filter, the local SQL methods and the evaluator over the
 * same data as facts must agree, on H2 and PostgreSQL.
 */
class GitClubLocalBindingsTest {
  static final int USERS = 4;
  static final int ORGS = 3;
  static final int FOLDERS = 8;
  static final int REPOS = 30;
  static final int ISSUES = 20;
  static final List<String> ACTIONS = List.of("read", "push", "delete");

  static String text(String name) throws IOException {
    try (InputStream in = GitClubLocalBindingsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Creates the schema, fills it with seeded random data and returns the same data as facts. */
  static List<Fact> populate(DataSource ds, long seed) throws SQLException {
    Random rnd = new Random(seed);
    List<Fact> facts = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE organizations (id INTEGER PRIMARY KEY, name VARCHAR(100))");
      st.execute(
          "CREATE TABLE repositories (id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL,"
              + " folder_id INTEGER, name VARCHAR(100), is_public BOOLEAN, archived BOOLEAN)");
      st.execute("CREATE TABLE folders (id INTEGER PRIMARY KEY, parent_id INTEGER)");
      st.execute("CREATE TABLE org_roles (user_id INTEGER, role VARCHAR(20), org_id INTEGER)");
      st.execute("CREATE TABLE repo_roles (user_id INTEGER, role VARCHAR(20), repo_id INTEGER)");
      st.execute(
          "CREATE TABLE folder_roles (user_id INTEGER, role VARCHAR(20), folder_id INTEGER)");
      st.execute("CREATE TABLE issues (id INTEGER PRIMARY KEY, repo_id INTEGER NOT NULL)");
      for (int o = 1; o <= ORGS; o++) {
        st.execute("INSERT INTO organizations VALUES (" + o + ", 'org" + o + "')");
      }
      for (int f = 1; f <= FOLDERS; f++) {
        Integer parent =
            f == 1 ? null : (f == 2 ? Integer.valueOf(FOLDERS) : rnd.nextInt(f - 1) + 1);
        st.execute("INSERT INTO folders VALUES (" + f + ", " + parent + ")");
        if (parent != null) {
          facts.add(fact("has_relation", v("Folder", f), Value.of("parent"), v("Folder", parent)));
        }
      }
      for (int r = 1; r <= REPOS; r++) {
        int org = rnd.nextInt(ORGS) + 1;
        Integer folder = rnd.nextInt(3) == 0 ? null : rnd.nextInt(FOLDERS) + 1;
        boolean pub = rnd.nextInt(5) == 0;
        boolean archived = rnd.nextInt(4) == 0;
        st.execute(
            "INSERT INTO repositories VALUES ("
                + r
                + ", "
                + org
                + ", "
                + folder
                + ", 'repo"
                + ((r * 7) % REPOS)
                + "', "
                + pub
                + ", "
                + archived
                + ")");
        facts.add(
            fact(
                "has_relation",
                v("Repository", r),
                Value.of("organization"),
                v("Organization", org)));
        if (folder != null) {
          facts.add(
              fact("has_relation", v("Repository", r), Value.of("folder"), v("Folder", folder)));
        }
        if (pub) {
          facts.add(fact("is_public", v("Repository", r)));
        }
        if (archived) {
          facts.add(fact("is_archived", v("Repository", r)));
        }
      }
      for (int i = 1; i <= ISSUES; i++) {
        int repo = rnd.nextInt(REPOS) + 1;
        st.execute("INSERT INTO issues VALUES (" + i + ", " + repo + ")");
        facts.add(
            fact("has_relation", v("Issue", i), Value.of("repository"), v("Repository", repo)));
      }
      for (int u = 1; u <= USERS; u++) {
        role(
            st,
            facts,
            "org_roles",
            u,
            rnd.nextBoolean() ? "admin" : "member",
            "Organization",
            rnd.nextInt(ORGS) + 1);
        for (int k = 0; k < 2; k++) {
          role(
              st,
              facts,
              "repo_roles",
              u,
              rnd.nextBoolean() ? "reader" : "maintainer",
              "Repository",
              rnd.nextInt(REPOS) + 1);
        }
        if (rnd.nextBoolean()) {
          role(st, facts, "folder_roles", u, "reader", "Folder", rnd.nextInt(FOLDERS) + 1);
        }
      }
    }
    return facts;
  }

  private static void role(
      Statement st, List<Fact> facts, String table, int user, String role, String type, int id)
      throws SQLException {
    st.execute("INSERT INTO " + table + " VALUES (" + user + ", '" + role + "', " + id + ")");
    facts.add(fact("has_role", v("User", user), Value.of(role), v(type, id)));
  }

  static Value v(String type, int id) {
    return new Value(type, Integer.toString(id));
  }

  static Fact fact(String predicate, Value... args) {
    return Fact.of(predicate, args);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void gitclub_filterAndLocalMethods_agreeWithEvaluator(SqlDialect dialect) throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    List<Fact> facts = populate(ds, 7);
    LocalBindings bindings = LocalBindings.fromYaml(text("gitclub-bindings.yaml"));
    bindings.validate(ds);
    String policy = text("gitclub.polar");
    try (Oso local =
            Oso.embedded().policy(policy).localBindings(bindings).sqlDialect(dialect).build();
        Oso memory = Oso.embedded().policy(policy).build()) {
      for (Fact f : facts) {
        memory.insert(f);
      }
      // H2 evaluates the recursive folder relation by enumerating paths (see SqlRenderer), which
      // is slow on this schema; two users keep the H2 run short, PostgreSQL checks all of them.
      int users = dialect == SqlDialect.H2 ? 2 : USERS;
      for (int u = 1; u <= users; u++) {
        Value user = v("User", u);
        for (String action : ACTIONS) {
          TreeSet<String> expected = new TreeSet<>(memory.list(user, action, "Repository"));
          AuthorizedFilter filter = local.listFilter(user, action, "Repository");

          assertThat(filterIds(ds, dialect, filter)).as("%s %s", user, action).isEqualTo(expected);
          assertThat(count(ds, filter.toSql("r.id", dialect))).isEqualTo(expected.size());
          assertThat(inlineIds(ds, local.listLocal(user, action, "Repository", "r.id", List.of())))
              .isEqualTo(expected);
          for (int r = 1; r <= REPOS; r += 7) {
            Value repo = v("Repository", r);
            assertThat(bool(ds, local.authorizeLocal(user, action, repo, List.of())))
                .as("%s %s %s", user, action, repo)
                .isEqualTo(memory.authorize(user, action, repo));
          }
        }
        Value issue = v("Issue", u);
        assertThat(strings(ds, local.actionsLocal(user, issue, List.of())))
            .isEqualTo(new TreeSet<>(memory.actions(user, issue)));
        assertThat(filterIssueIds(ds, dialect, local.listFilter(user, "close", "Issue")))
            .isEqualTo(new TreeSet<>(memory.list(user, "close", "Issue")));
      }
    }
  }

  static TreeSet<String> filterIds(DataSource ds, SqlDialect dialect, AuthorizedFilter filter)
      throws SQLException {
    SqlFragment where = filter.toSql("r.id", dialect);
    String sql =
        "SELECT r.id FROM repositories r JOIN organizations o ON o.id = r.org_id WHERE "
            + where.sql()
            + " ORDER BY r.name, r.id LIMIT 1000";
    return query(ds, sql, where.parameters());
  }

  static TreeSet<String> filterIssueIds(DataSource ds, SqlDialect dialect, AuthorizedFilter f)
      throws SQLException {
    SqlFragment where = f.toSql("i.id", dialect);
    return query(ds, "SELECT i.id FROM issues i WHERE " + where.sql(), where.parameters());
  }

  static int count(DataSource ds, SqlFragment where) throws SQLException {
    TreeSet<String> n =
        query(ds, "SELECT COUNT(*) FROM repositories r WHERE " + where.sql(), where.parameters());
    return Integer.parseInt(n.first());
  }

  static TreeSet<String> inlineIds(DataSource ds, String predicate) throws SQLException {
    return query(ds, "SELECT r.id FROM repositories r WHERE " + predicate, List.of());
  }

  static boolean bool(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      boolean b = rs.getBoolean("allowed");
      assertThat(rs.next()).isFalse();
      return b;
    }
  }

  static TreeSet<String> strings(DataSource ds, String sql) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString("actions"));
      }
    }
    return out;
  }

  static TreeSet<String> query(DataSource ds, String sql, List<Object> params) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    List<String> all = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          all.add(rs.getString(1));
        }
      }
    }
    out.addAll(all);
    assertThat(all).as("no duplicate rows").hasSameSizeAs(out);
    return out;
  }
}
