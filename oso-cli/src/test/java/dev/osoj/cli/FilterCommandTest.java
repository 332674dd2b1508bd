package dev.osoj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code oso filter} prints a condition that a database runs as printed: on H2, it keeps the rows
 * {@code oso list} names, with facts from the facts file and with a predicate read from the
 * application's table through bindings; bad options and policies the planner refuses exit 2.
 */
class FilterCommandTest {
  static final String POLICY = QueryCommandsTest.POLICY;
  static final String FACTS = QueryCommandsTest.FACTS;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "User:bob, read",
    "User:carol, push",
    "User:eve, read",
    "User:alice, delete",
    "User:nobody, push",
  })
  void filter_factsFile_keepsTheRowsListNames(String actor, String action) throws Exception {
    CliRun filter =
        CliRun.of(
            "filter",
            "-p",
            POLICY,
            "-f",
            FACTS,
            "--dialect",
            "h2",
            "--column",
            "r.id",
            actor,
            action,
            "Repository");
    CliRun list = CliRun.of("list", "-p", POLICY, "-f", FACTS, actor, action, "Repository");

    assertThat(filter.err()).isEmpty();
    assertThat(filter.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(rows(repositories(), "SELECT r.id FROM repositories r WHERE " + filter.out()))
        .isEqualTo(list.out().lines().toList());
  }

  @Test
  void filter_bindings_readTheRelationFromTheApplicationsTable() throws Exception {
    Path facts = dir.resolve("facts.txt");
    Files.writeString(facts, "has_role User:bob member Organization:acme\n");
    Path bindings = dir.resolve("bindings.yaml");
    Files.writeString(
        bindings,
        "facts:\n"
            + "  \"has_relation(Repository:_, String:organization, Organization:_)\":\n"
            + "    query: SELECT id, org_id FROM repositories\n");

    CliRun filter =
        CliRun.of(
            "filter",
            "-p",
            POLICY,
            "-f",
            facts.toString(),
            "-b",
            bindings.toString(),
            "--dialect",
            "h2",
            "--column",
            "r.id",
            "User:bob",
            "read",
            "Repository");

    assertThat(filter.err()).isEmpty();
    assertThat(filter.out()).containsIgnoringCase("FROM repositories");
    // the facts file holds no has_relation fact: the rows come from the table
    assertThat(rows(repositories(), "SELECT r.id FROM repositories r WHERE " + filter.out()))
        .containsExactly("anvil", "rocket");
  }

  @Test
  void filter_policyThePlannerRefuses_exits2NamingTheRule() throws Exception {
    Path policy = dir.resolve("unbounded.polar");
    Files.writeString(
        policy,
        "actor User {}\n"
            + "resource Org { relations = { parent: Org }; }\n"
            + "member(u: User, o: Org) if has_role(u, \"member\", o);\n"
            + "member(u: User, _: Org) if member(u, p) and has_relation(p, \"parent\", p);\n"
            + "allow(u: User, \"read\", o: Org) if member(u, o);\n");

    Path facts = dir.resolve("facts.txt");
    // facts held in memory are read when planning: with none, the answer is simply empty
    Files.writeString(facts, "has_role User:a member Org:o\nhas_relation Org:o parent Org:o\n");

    CliRun run =
        CliRun.of(
            "filter", "-p", policy.toString(), "-f", facts.toString(), "User:a", "read", "Org");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("unbounded.polar:4:").contains("unbounded");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--dialect=oracle | --dialect 'oracle' is not supported",
        "--column=r.id; DROP TABLE t | --column",
        "--bindings=missing.yaml | missing.yaml",
      })
  void filter_badOption_exits2NamingIt(String option, String message) {
    CliRun run = CliRun.of("filter", "-p", POLICY, option, "User:bob", "read", "Repository");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(message);
  }

  @Test
  void filter_valueInsteadOfType_exits2() {
    CliRun run = CliRun.of("filter", "-p", POLICY, "User:bob", "read", "Repository:anvil");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("resource type, not a value");
  }

  /** An H2 table of the repositories the facts file names, plus one it does not. */
  private static JdbcDataSource repositories() throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:filter" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE repositories (id VARCHAR(50) PRIMARY KEY, org_id VARCHAR(50))");
      st.execute(
          "INSERT INTO repositories VALUES ('anvil', 'acme'), ('rocket', 'acme'),"
              + " ('open-source', 'oss'), ('other', 'zeta')");
    }
    return ds;
  }

  private static List<String> rows(JdbcDataSource ds, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql + " ORDER BY r.id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
