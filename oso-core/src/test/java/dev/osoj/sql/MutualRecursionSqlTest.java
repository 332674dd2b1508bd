package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.EvaluationException;
import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.store.JdbcFactStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Predicates that call each other (a role granted by a permission on the parent folder, that
 * permission granted by the role): every question through {@link JdbcFactStore}, and every {@code
 * listFilter} over a table, must agree with the in-memory evaluator, on H2 and on PostgreSQL.
 */
class MutualRecursionSqlTest {
  private static final String[] FOLDERS = {"root", "a", "b", "c", "loop1", "loop2", "o'q", "x%_"};
  private static final String[] USERS = {"ann", "bob", "cy", "dee"};
  private static final String[] ACTIONS = {"read", "write", "share", "audit"};

  private static final String FACTS =
      "has_relation(Folder:a, parent, Folder:root);has_relation(Folder:b, parent, Folder:a);"
          + "has_relation(Folder:c, parent, Folder:b);"
          + "has_relation(Folder:loop1, parent, Folder:loop2);"
          + "has_relation(Folder:loop2, parent, Folder:loop1);"
          + "has_relation(Folder:o'q, parent, Folder:c);has_relation(Folder:x%_, parent, Folder:o'q);"
          + "has_role(User:ann, reader, Folder:root);has_role(User:bob, writer, Folder:a);"
          + "has_role(User:cy, writer, Folder:loop1);has_role(User:dee, reader, Folder:o'q)";

  static Stream<Arguments> variants() {
    List<Arguments> out = new ArrayList<>();
    for (SqlDialect d : SqlDialect.values()) {
      out.add(Arguments.of(d, ""));
      // has_role also calls itself: every loop passes through has_role, not has_permission
      out.add(Arguments.of(d, "  \"writer\" if \"writer\" on \"parent\";\n"));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void everyQuestion_matchesTheEvaluator(SqlDialect dialect, String extraRule) throws Exception {
    String base = resource("policy-mutual.polar");
    int end = base.lastIndexOf('}');
    String policy = base.substring(0, end) + extraRule + base.substring(end);
    DataSource ds = TestDatabases.of(dialect);
    try (Oso sql =
            Oso.embedded()
                .policy(policy)
                .factStore(new JdbcFactStore(ds, dialect, "facts_mutual"))
                .build();
        Oso memory = Oso.embedded().policy(policy).build()) {
      for (Fact f : WorkedCasesSqlTest.parseFacts(FACTS)) {
        sql.insert(f);
        memory.insert(f);
      }
      createFolders(ds);
      int granted = 0;
      for (String u : USERS) {
        Value user = new Value("User", u);
        for (String action : ACTIONS) {
          TreeSet<String> expected = new TreeSet<>(memory.list(user, action, "Folder"));
          assertThat(new TreeSet<>(sql.list(user, action, "Folder")))
              .as("list %s %s", u, action)
              .isEqualTo(expected);
          assertThat(rows(ds, dialect, memory.listFilter(user, action, "Folder")))
              .as("filter from memory %s %s", u, action)
              .isEqualTo(expected);
          assertThat(rows(ds, dialect, sql.listFilter(user, action, "Folder")))
              .as("filter over the fact table %s %s", u, action)
              .isEqualTo(expected);
          for (String f : FOLDERS) {
            Value folder = new Value("Folder", f);
            boolean allowed = memory.authorize(user, action, folder);
            assertThat(sql.authorize(user, action, folder))
                .as("authorize %s %s %s", u, action, f)
                .isEqualTo(allowed)
                .isEqualTo(expected.contains(f));
            granted += allowed ? 1 : 0;
          }
        }
        for (String f : FOLDERS) {
          Value folder = new Value("Folder", f);
          assertThat(new TreeSet<>(sql.actions(user, folder)))
              .as("actions %s %s", u, f)
              .isEqualTo(new TreeSet<>(memory.actions(user, folder)));
        }
      }
      // worked by hand: bob is a writer on a, so shares b (its child), audits c (as auditor, from
      // sharing its parent b), writes o'q (from auditing its parent c) and shares x%_
      assertThat(memory.list(new Value("User", "ann"), "read", "Folder"))
          .containsExactlyInAnyOrder("root", "a", "b", "c", "o'q", "x%_");
      if (extraRule.isEmpty()) {
        assertThat(memory.list(new Value("User", "bob"), "share", "Folder"))
            .containsExactlyInAnyOrder("b", "x%_");
        assertThat(memory.list(new Value("User", "bob"), "audit", "Folder")).containsExactly("c");
        assertThat(memory.list(new Value("User", "bob"), "write", "Folder"))
            .containsExactlyInAnyOrder("a", "o'q");
      } else {
        // writer on a now passes down the folders by itself
        assertThat(memory.list(new Value("User", "bob"), "write", "Folder"))
            .containsExactlyInAnyOrder("a", "b", "c", "o'q", "x%_");
      }
      assertThat(granted).isGreaterThan(20);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void threePredicates_everyLoopThroughOne_matchesTheEvaluator(SqlDialect dialect)
      throws Exception {
    // loops p-q-p and q-r-q: both pass through q, which becomes the one recursive relation
    String policy =
        "actor User {}\n"
            + "resource Folder { relations = { parent: Folder, link: Folder }; }\n"
            + "p(u: User, f: Folder) if has_role(u, \"owner\", f);\n"
            + "p(u: User, f: Folder) if q(u, f);\n"
            + "q(u: User, f: Folder) if has_relation(f, \"parent\", g) and p(u, g);\n"
            + "q(u: User, f: Folder) if r(u, f);\n"
            + "r(u: User, f: Folder) if has_relation(f, \"link\", g) and q(u, g);\n"
            + "allow(u: User, \"read\", f: Folder) if p(u, f);\n";
    String facts =
        "has_role(User:ann, owner, Folder:root);has_relation(Folder:a, parent, Folder:root);"
            + "has_relation(Folder:b, link, Folder:a);has_relation(Folder:c, parent, Folder:b);"
            + "has_relation(Folder:loop1, link, Folder:loop2);"
            + "has_relation(Folder:loop2, parent, Folder:loop1);"
            + "has_role(User:bob, owner, Folder:loop1);has_relation(Folder:x%_, link, Folder:c)";
    DataSource ds = TestDatabases.of(dialect);
    try (Oso sql =
            Oso.embedded()
                .policy(policy)
                .factStore(new JdbcFactStore(ds, dialect, "facts_three"))
                .build();
        Oso memory = Oso.embedded().policy(policy).build()) {
      for (Fact f : WorkedCasesSqlTest.parseFacts(facts)) {
        sql.insert(f);
        memory.insert(f);
      }
      createFolders(ds);
      for (String u : USERS) {
        Value user = new Value("User", u);
        TreeSet<String> expected = new TreeSet<>(memory.list(user, "read", "Folder"));
        assertThat(new TreeSet<>(sql.list(user, "read", "Folder"))).isEqualTo(expected);
        assertThat(rows(ds, dialect, sql.listFilter(user, "read", "Folder"))).isEqualTo(expected);
        for (String f : FOLDERS) {
          assertThat(sql.authorize(user, "read", new Value("Folder", f)))
              .as("authorize %s %s", u, f)
              .isEqualTo(expected.contains(f));
        }
      }
      // by hand: root (owned), a (parent root), b (linked to a), c (parent b), x%_ (linked to c);
      // bob owns loop1, so loop2 (its parent is loop1), and the loop back to loop1 ends
      assertThat(memory.list(new Value("User", "ann"), "read", "Folder"))
          .containsExactlyInAnyOrder("root", "a", "b", "c", "x%_");
      assertThat(memory.list(new Value("User", "bob"), "read", "Folder"))
          .containsExactlyInAnyOrder("loop1", "loop2");
    }
  }

  @Test
  void noPredicateOnEveryLoop_failsNamingTheRule() {
    // p calls itself, q calls itself, and they call each other: no one relation covers every loop
    String policy =
        "actor User {}\n"
            + "resource Folder { relations = { parent: Folder, link: Folder }; }\n"
            + "p(u: User, f: Folder) if has_role(u, \"owner\", f);\n"
            + "p(u: User, f: Folder) if has_relation(f, \"parent\", g) and p(u, g);\n"
            + "p(u: User, f: Folder) if q(u, f);\n"
            + "q(u: User, f: Folder) if has_relation(f, \"link\", g) and q(u, g);\n"
            + "q(u: User, f: Folder) if has_relation(f, \"parent\", g) and p(u, g);\n"
            + "allow(u: User, \"read\", f: Folder) if p(u, f);\n";
    JdbcFactStore store = new JdbcFactStore(TestDatabases.h2(), SqlDialect.H2);
    try (Oso oso = Oso.embedded().policy(policy).factStore(store).build()) {
      assertThatThrownBy(() -> oso.listFilter(new Value("User", "a"), "read", "Folder"))
          .isInstanceOf(EvaluationException.class)
          .hasMessageContaining("policy.polar:")
          .hasMessageContaining("mutually recursive")
          .hasMessageContaining("does not pass through");
      assertThatThrownBy(() -> oso.authorize(new Value("User", "a"), "read", folder("f")))
          .isInstanceOf(EvaluationException.class)
          .hasMessageContaining("policy.polar:");
    }
  }

  @Test
  void permissionAndRoleEachCallingThemselves_failNamingTheRule() {
    // a documented limitation: has_permission and has_role each call themselves (in different
    // resources) and each other, so no one recursive relation covers every loop
    String policy =
        "actor User {}\n"
            + "resource Repo {\n"
            + "  roles = [\"reader\"]; permissions = [\"read\"]; relations = { parent: Repo };\n"
            + "  \"read\" if \"reader\";\n"
            + "  \"read\" if \"read\" on \"parent\";\n"
            + "}\n"
            + "resource Folder {\n"
            + "  roles = [\"viewer\"]; permissions = [\"view\"];\n"
            + "  relations = { parent: Folder, repo: Repo };\n"
            + "  \"view\" if \"viewer\";\n"
            + "  \"viewer\" if \"viewer\" on \"parent\";\n"
            + "  \"viewer\" if \"read\" on \"repo\";\n"
            + "}\n";
    JdbcFactStore store = new JdbcFactStore(TestDatabases.h2(), SqlDialect.H2);
    try (Oso oso = Oso.embedded().policy(policy).factStore(store).build()) {
      assertThatThrownBy(() -> oso.listFilter(new Value("User", "a"), "view", "Folder"))
          .isInstanceOf(EvaluationException.class)
          .hasMessageContaining("policy.polar:")
          .hasMessageContaining("does not pass through");
    }
  }

  private static Value folder(String id) {
    return new Value("Folder", id);
  }

  private static void createFolders(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.createStatement().execute("CREATE TABLE folders (id VARCHAR(20) PRIMARY KEY)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO folders VALUES (?)")) {
        for (String f : FOLDERS) {
          ps.setString(1, f);
          ps.executeUpdate();
        }
      }
    }
  }

  private static TreeSet<String> rows(DataSource ds, SqlDialect dialect, AuthorizedFilter filter)
      throws SQLException {
    SqlFragment where = filter.toSql("t.id", dialect);
    return GitClubLocalBindingsTest.query(
        ds, "SELECT t.id FROM folders t WHERE " + where.sql(), where.parameters());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = MutualRecursionSqlTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
