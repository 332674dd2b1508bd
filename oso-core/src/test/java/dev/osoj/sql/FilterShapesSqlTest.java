package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shapes of the filter text (inlined bindings, conditions on the caller's row, merged branches)
 * against the evaluator, on H2 and PostgreSQL.
 */
class FilterShapesSqlTest {
  private static final FilterTarget REPOS = FilterTarget.of("repositories", "r", "id");

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void tableAwareFilter_gitclub_agreesWithEvaluatorInJoinsPagesAndCounts(SqlDialect dialect)
      throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    List<Fact> facts = GitClubLocalBindingsTest.populate(ds, 11);
    LocalBindings bindings =
        LocalBindings.fromYaml(GitClubLocalBindingsTest.text("gitclub-bindings.yaml"));
    String policy = GitClubLocalBindingsTest.text("gitclub.polar");
    try (Oso local =
            Oso.embedded().policy(policy).localBindings(bindings).sqlDialect(dialect).build();
        Oso memory = memory(policy, facts)) {
      int users = dialect == SqlDialect.H2 ? 2 : GitClubLocalBindingsTest.USERS;
      for (int u = 1; u <= users; u++) {
        Value user = GitClubLocalBindingsTest.v("User", u);
        for (String action : GitClubLocalBindingsTest.ACTIONS) {
          TreeSet<String> expected = new TreeSet<>(memory.list(user, action, "Repository"));
          AuthorizedFilter filter = local.listFilter(user, action, "Repository");
          SqlFragment onRow = filter.toSql(REPOS, dialect);
          SqlFragment onColumn = filter.toSql("r.id", dialect);

          assertThat(
                  GitClubLocalBindingsTest.query(
                      ds,
                      "SELECT r.id FROM repositories r JOIN organizations o ON o.id = r.org_id"
                          + " WHERE "
                          + onRow.sql()
                          + " ORDER BY r.name, r.id LIMIT 1000",
                      onRow.parameters()))
              .as("%s %s: %s", user, action, onRow.sql())
              .isEqualTo(expected);
          assertThat(page(ds, onRow)).isEqualTo(page(ds, onColumn));
          assertThat(count(ds, onRow)).isEqualTo(expected.size());
          assertThat(count(ds, onColumn)).isEqualTo(expected.size());
        }
      }
    }
  }

  @Test
  void tableAwareFilter_gitclubRead_readsTheCallersRowInsteadOfTheTableAgain() throws Exception {
    LocalBindings bindings =
        LocalBindings.fromYaml(GitClubLocalBindingsTest.text("gitclub-bindings.yaml"));
    try (Oso oso =
        Oso.embedded()
            .policy(GitClubLocalBindingsTest.text("gitclub.polar"))
            .localBindings(bindings)
            .sqlDialect(SqlDialect.POSTGRES)
            .build()) {
      AuthorizedFilter filter = oso.listFilter(new Value("User", "1"), "read", "Repository");

      String onRow = filter.toSql(REPOS, SqlDialect.POSTGRES).sql();
      String onColumn = filter.toSql("r.id", SqlDialect.POSTGRES).sql();

      assertThat(onRow)
          .startsWith("((r.is_public) OR ")
          .contains(".user_id = ? AND b0.role IN (?, ?)")
          .contains("r.org_id IN (SELECT b")
          .contains("EXISTS (WITH RECURSIVE")
          .doesNotContain("FROM repositories")
          .doesNotContain("DISTINCT");
      assertThat(onColumn)
          .contains("FROM repositories b")
          .doesNotContain("(SELECT id, org_id FROM repositories)")
          .doesNotContain("b0.user_id IS NOT NULL");
    }
  }

  private static final String ROLES_YAML =
      "facts:\n"
          + "  \"has_role(User:_, String:_, Organization:_)\":\n"
          + "    query: SELECT user_id, role, org_id FROM org_roles\n"
          + "  \"has_role(User:_, String:_, Repository:_)\":\n"
          + "    query: SELECT user_id, role, repo_id FROM repo_roles\n"
          + "  \"has_relation(Repository:_, organization, Organization:_)\":\n"
          + "    query: SELECT id, org_id FROM repositories\n"
          + "  \"is_public(Repository:_)\":\n"
          + "    query: SELECT id FROM repositories WHERE is_public\n"
          + "sql_types:\n  User: integer\n  Organization: integer\n  Repository: integer\n";

  /** Readers: public repositories, organization members or admins, repository readers. */
  private static final String ROLES_POLICY =
      "actor User {}\n"
          + "resource Organization { roles = [\"member\", \"admin\"]; \"member\" if \"admin\"; }\n"
          + "resource Repository {\n"
          + "  roles = [\"reader\"];\n"
          + "  permissions = [\"read\", \"pull\"];\n"
          + "  relations = { organization: Organization };\n"
          + "  \"read\" if \"member\" on \"organization\";\n"
          + "  \"read\" if is_public(resource);\n"
          + "  \"pull\" if \"read\";\n"
          + "  \"pull\" if \"reader\";\n"
          + "}\n";

  @Test
  void h2Filter_subqueryTestingSeveralConditions_isReadThroughDerivedTable() throws Exception {
    String subquery =
        "SELECT (b\\d+)\\.org_id FROM org_roles \\1 WHERE \\(\\1\\.user_id = \\? AND"
            + " \\1\\.role IN \\(\\?, \\?\\)\\)";
    assertThat(filterOnRepos("read", SqlDialect.H2))
        .matches(
            "\\(\\(r\\.is_public\\) OR r\\.org_id IN \\(SELECT \\* FROM \\("
                + subquery
                + "\\)\\)\\)");
    assertThat(filterOnRepos("read", SqlDialect.POSTGRES))
        .matches("\\(\\(r\\.is_public\\) OR r\\.org_id IN \\(" + subquery + "\\)\\)");
  }

  @Test
  void h2Filter_eachBranchKeepsItsOwnSubquery_compoundOnesBehindDerivedTables() throws Exception {
    String pg = filterOnRepos("pull", SqlDialect.POSTGRES);
    String h2 = filterOnRepos("pull", SqlDialect.H2);

    assertThat(pg)
        .startsWith("((r.is_public) OR ")
        .contains("r.org_id IN (SELECT b")
        .contains("r.id IN (SELECT b")
        .doesNotContain("SELECT * FROM");
    assertThat(h2)
        .startsWith("((r.is_public) OR ")
        .contains("r.org_id IN (SELECT * FROM (SELECT b")
        .contains("r.id IN (SELECT * FROM (SELECT b")
        .doesNotContain("UNION");
    assertThat(h2.replace("SELECT * FROM (", "").replace(")", ""))
        .as("the same text but for the derived tables")
        .isEqualTo(pg.replace(")", ""));
  }

  private static String filterOnRepos(String action, SqlDialect dialect) throws Exception {
    try (Oso oso =
        Oso.embedded()
            .policy(ROLES_POLICY)
            .localBindings(LocalBindings.fromYaml(ROLES_YAML))
            .sqlDialect(dialect)
            .build()) {
      return oso.listFilter(new Value("User", "1"), action, "Repository")
          .toSql(REPOS, dialect)
          .sql();
    }
  }

  @Test
  void authorizeStatement_branchesDifferingInOneRole_testOneRowSet() throws Exception {
    try (Oso oso =
        Oso.embedded()
            .policy(GitClubLocalBindingsTest.text("gitclub.polar"))
            .localBindings(
                LocalBindings.fromYaml(GitClubLocalBindingsTest.text("gitclub-bindings.yaml")))
            .sqlDialect(SqlDialect.POSTGRES)
            .build()) {
      String sql =
          oso.authorizeLocal(
              new Value("User", "1"), "read", new Value("Repository", "7"), List.of());

      // one probe per role table, and the recursive relation only where a branch reads it
      assertThat(sql)
          .contains("b0.role IN ('reader', 'maintainer') AND b0.repo_id = 7")
          .contains("b2.role IN ('member', 'admin')")
          .containsOnlyOnce("WITH RECURSIVE")
          .endsWith(
              "OR EXISTS (SELECT 1 FROM repositories b17 WHERE ((b17.is_public) AND b17.id = 7))"
                  + " THEN TRUE ELSE FALSE END AS allowed");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void nonInlinableBindings_stayDerivedTables_andAgreeWithEvaluator(SqlDialect dialect)
      throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    List<Fact> facts = GitClubLocalBindingsTest.populate(ds, 5);
    String yaml =
        GitClubLocalBindingsTest.text("gitclub-bindings.yaml")
            .replace(
                "SELECT id FROM repositories WHERE is_public",
                "SELECT id FROM repositories WHERE COALESCE(is_public, FALSE)")
            .replace(
                "SELECT id, org_id FROM repositories",
                "SELECT r.id, o.id FROM repositories r JOIN organizations o ON o.id = r.org_id");
    LocalBindings bindings = LocalBindings.fromYaml(yaml);
    bindings.validate(ds);
    String policy = GitClubLocalBindingsTest.text("gitclub.polar");
    try (Oso local =
            Oso.embedded().policy(policy).localBindings(bindings).sqlDialect(dialect).build();
        Oso memory = memory(policy, facts)) {
      for (int u = 1; u <= 2; u++) {
        Value user = GitClubLocalBindingsTest.v("User", u);
        TreeSet<String> expected = new TreeSet<>(memory.list(user, "read", "Repository"));
        AuthorizedFilter filter = local.listFilter(user, "read", "Repository");
        for (SqlFragment where :
            List.of(filter.toSql(REPOS, dialect), filter.toSql("r.id", dialect))) {
          assertThat(where.sql())
              .contains("(SELECT id FROM repositories WHERE COALESCE(is_public, FALSE))")
              .contains("JOIN organizations o ON o.id = r.org_id)");
          assertThat(
                  GitClubLocalBindingsTest.query(
                      ds,
                      "SELECT r.id FROM repositories r WHERE " + where.sql(),
                      where.parameters()))
              .as(where.sql())
              .isEqualTo(expected);
        }
      }
    }
  }

  private static final String PUBLIC_UNARCHIVED =
      "actor User {}\n"
          + "resource Repository { permissions = [\"read\"]; }\n"
          + "has_permission(_user: User, \"read\", repo: Repository) if\n"
          + "  is_public(repo) and not is_archived(repo);\n";

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void tableAwareFilter_negationAndPrivateLookingAliases_agreeWithEvaluator(SqlDialect dialect)
      throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    List<Fact> facts = GitClubLocalBindingsTest.populate(ds, 3);
    LocalBindings bindings =
        LocalBindings.fromYaml(GitClubLocalBindingsTest.text("gitclub-bindings.yaml"));
    try (Oso local =
            Oso.embedded()
                .policy(PUBLIC_UNARCHIVED)
                .localBindings(bindings)
                .sqlDialect(dialect)
                .build();
        Oso memory =
            memory(
                PUBLIC_UNARCHIVED,
                facts.stream().filter(f -> f.predicate().startsWith("is_")).toList())) {
      Value user = new Value("User", "1");
      TreeSet<String> expected = new TreeSet<>(memory.list(user, "read", "Repository"));
      AuthorizedFilter filter = local.listFilter(user, "read", "Repository");
      for (String alias : List.of("r", "b0", "b1", "f2")) {
        SqlFragment where = filter.toSql(FilterTarget.of("repositories", alias, "id"), dialect);
        assertThat(
                GitClubLocalBindingsTest.query(
                    ds,
                    "SELECT "
                        + alias
                        + ".id FROM repositories "
                        + alias
                        + " WHERE "
                        + where.sql()
                        + " ORDER BY "
                        + alias
                        + ".name LIMIT 100",
                    where.parameters()))
            .as("%s: %s", alias, where.sql())
            .isEqualTo(expected);
      }
      assertThat(filter.toSql(REPOS, dialect).sql())
          .startsWith("((r.is_public) AND NOT EXISTS (SELECT 1 FROM repositories b")
          .contains("r.id = b");
    }
  }

  private static final String DOCS_POLICY =
      "actor User {}\n"
          + "resource Doc {\n"
          + "  roles = [\"viewer\", \"editor\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  \"read\" if \"viewer\";\n"
          + "  \"read\" if \"editor\";\n"
          + "  \"read\" if is_public(resource);\n"
          + "}\n";

  private static final String DOCS_BINDINGS =
      "facts:\n"
          + "  \"has_role(User:_, String:_, Doc:_)\":\n"
          + "    query: SELECT user_name, role, doc_id FROM doc_roles\n"
          + "  \"is_public(Doc:_)\":\n"
          + "    query: SELECT id FROM docs WHERE visibility = 'public' AND id IS NOT NULL\n";

  private static final List<String> HOSTILE =
      List.of("alice", "x' OR '1'='1", "O'Brien", "b0.id", "'; DROP TABLE docs; --", "ünï");

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void textIds_hostileValuesBound_bothFormsAgreeWithEvaluator(SqlDialect dialect) throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    List<Fact> facts = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE docs (id VARCHAR(100) PRIMARY KEY, visibility VARCHAR(20))");
      st.execute(
          "CREATE TABLE doc_roles (user_name VARCHAR(100), role VARCHAR(20), doc_id"
              + " VARCHAR(100))");
      for (int i = 0; i < HOSTILE.size(); i++) {
        String doc = "d" + HOSTILE.get(i);
        insert(c, "INSERT INTO docs VALUES (?, ?)", doc, i % 3 == 0 ? "public" : "private");
        if (i % 3 == 0) {
          facts.add(Fact.of("is_public", new Value("Doc", doc)));
        }
        String user = HOSTILE.get((i + 1) % HOSTILE.size());
        String role = i % 2 == 0 ? "viewer" : "editor";
        insert(c, "INSERT INTO doc_roles VALUES (?, ?, ?)", user, role, doc);
        facts.add(
            Fact.of("has_role", new Value("User", user), Value.of(role), new Value("Doc", doc)));
      }
    }
    try (Oso local =
            Oso.embedded()
                .policy(DOCS_POLICY)
                .localBindings(LocalBindings.fromYaml(DOCS_BINDINGS))
                .sqlDialect(dialect)
                .build();
        Oso memory = memory(DOCS_POLICY, facts)) {
      FilterTarget docs = FilterTarget.of("docs", "d", "id");
      for (String name : HOSTILE) {
        Value user = new Value("User", name);
        TreeSet<String> expected = new TreeSet<>(memory.list(user, "read", "Doc"));
        AuthorizedFilter filter = local.listFilter(user, "read", "Doc");
        SqlFragment onRow = filter.toSql(docs, dialect);
        SqlFragment onColumn = filter.toSql("d.id", dialect);

        assertThat(onRow.sql()).contains("(d.visibility = 'public' AND d.id IS NOT NULL)");
        assertThat(onRow.sql()).contains(".role IN (?, ?)").doesNotContain(name);
        for (SqlFragment where : List.of(onRow, onColumn)) {
          assertThat(
                  GitClubLocalBindingsTest.query(
                      ds, "SELECT d.id FROM docs d WHERE " + where.sql(), where.parameters()))
              .as("%s: %s", name, where.sql())
              .isEqualTo(expected);
        }
      }
    }
    assertThat(count(ds, new SqlFragment("1=1", List.of()), "docs")).isEqualTo(HOSTILE.size());
  }

  @Test
  void filterTarget_badIdentifiers_areRejectedByName() {
    assertThatThrownBy(() -> FilterTarget.of("repositories; DROP", "r", "id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'repositories; DROP'");
    assertThatThrownBy(() -> FilterTarget.of("repositories", "r x", "id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'r x'");
    assertThatThrownBy(() -> FilterTarget.of("repositories", "r", "id)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'id)'");
    assertThat(FilterTarget.of("app.repositories", "r", "id").column()).isEqualTo("r.id");
  }

  private static Oso memory(String policy, List<Fact> facts) {
    Oso memory = Oso.embedded().policy(policy).build();
    for (Fact f : facts) {
      memory.insert(f);
    }
    return memory;
  }

  private static void insert(Connection c, String sql, String... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setString(i + 1, values[i]);
      }
      ps.executeUpdate();
    }
  }

  private static List<String> page(DataSource ds, SqlFragment where) throws SQLException {
    return list(
        ds,
        "SELECT r.id FROM repositories r WHERE "
            + where.sql()
            + " ORDER BY r.name, r.id LIMIT 5 OFFSET 2",
        where.parameters());
  }

  private static int count(DataSource ds, SqlFragment where) throws SQLException {
    return count(ds, where, "repositories r");
  }

  private static int count(DataSource ds, SqlFragment where, String from) throws SQLException {
    return Integer.parseInt(
        list(ds, "SELECT COUNT(*) FROM " + from + " WHERE " + where.sql(), where.parameters())
            .get(0));
  }

  private static List<String> list(DataSource ds, String sql, List<Object> params)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
