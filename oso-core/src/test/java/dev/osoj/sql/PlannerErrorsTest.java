package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.EvaluationException;
import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.store.JdbcFactStore;
import org.junit.jupiter.api.Test;

/**
 * Questions the SQL planner cannot express fail at plan time, naming the rule and the construct.
 */
class PlannerErrorsTest {
  static final String GLOBAL_INTO_RECURSION =
      "actor User {}\n"
          + "global { roles = [\"root\"]; }\n"
          + "resource Org {\n"
          + "  roles = [\"member\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  relations = { parent: Org };\n"
          + "  \"read\" if \"member\";\n"
          + "  \"member\" if \"member\" on \"parent\";\n"
          + "  \"member\" if global \"root\";\n"
          + "}\n";

  @Test
  void listFilter_globalRoleFeedingRecursion_isPlannedExactly() throws Exception {
    javax.sql.DataSource ds = TestDatabases.h2();
    JdbcFactStore store = new JdbcFactStore(ds, SqlDialect.H2);
    try (Oso oso = Oso.embedded().policy(GLOBAL_INTO_RECURSION).factStore(store).build()) {
      oso.insert(Fact.of("has_role", new Value("User", "a"), Value.of("root")));
      oso.insert(Fact.of("has_role", new Value("User", "b"), Value.of("member"), org("y")));
      oso.insert(Fact.of("has_relation", org("x"), Value.of("parent"), org("y")));

      AuthorizedFilter root = oso.listFilter(new Value("User", "a"), "read", "Org");
      AuthorizedFilter member = oso.listFilter(new Value("User", "b"), "read", "Org");

      assertThat(root.kind()).isEqualTo(AuthorizedFilter.Kind.CONDITIONAL);
      assertThat(oso.list(new Value("User", "a"), "read", "Org")).containsExactly("*");
      assertThat(oso.authorize(new Value("User", "a"), "read", org("anything"))).isTrue();
      assertThat(oso.list(new Value("User", "b"), "read", "Org"))
          .containsExactlyInAnyOrder("x", "y");
      assertThat(oso.authorize(new Value("User", "c"), "read", org("x"))).isFalse();
      try (java.sql.Connection c = ds.getConnection();
          java.sql.Statement st = c.createStatement()) {
        st.execute("CREATE TABLE orgs (id VARCHAR(10))");
        st.execute("INSERT INTO orgs VALUES ('x'), ('y'), ('z')");
      }
      assertThat(DifferentialSqlTest.filterRows(ds, SqlDialect.H2, root))
          .containsExactly("x", "y", "z");
      assertThat(DifferentialSqlTest.filterRows(ds, SqlDialect.H2, member))
          .containsExactly("x", "y");
    }
  }

  @Test
  void listFilter_recursiveBranchWithUnboundHead_failsNamingTheRule() {
    String policy =
        "actor User {}\n"
            + "resource Org { relations = { parent: Org }; }\n"
            + "member(u: User, o: Org) if has_role(u, \"member\", o);\n"
            + "member(u: User, _: Org) if member(u, p) and has_relation(p, \"parent\", p);\n"
            + "allow(u: User, \"read\", o: Org) if member(u, o);\n";
    JdbcFactStore store = new JdbcFactStore(TestDatabases.h2(), SqlDialect.H2);
    try (Oso oso = Oso.embedded().policy(policy).factStore(store).build()) {
      assertThatThrownBy(() -> oso.listFilter(new Value("User", "a"), "read", "Org"))
          .isInstanceOf(EvaluationException.class)
          .hasMessageContaining("policy.polar:4:")
          .hasMessageContaining("unbounded");
    }
  }

  private static Value org(String id) {
    return new Value("Org", id);
  }

  @Test
  void listFilter_wildcardWithoutRecursion_isAlways() {
    String policy =
        GLOBAL_INTO_RECURSION.replace("  \"member\" if \"member\" on \"parent\";\n", "");
    try (Oso oso = Oso.embedded().policy(policy).build()) {
      oso.insert(Fact.of("has_role", new Value("User", "a"), Value.of("root")));

      AuthorizedFilter filter = oso.listFilter(new Value("User", "a"), "read", "Org");

      assertThat(filter.kind()).isEqualTo(AuthorizedFilter.Kind.ALWAYS);
      assertThat(filter.toSql("o.id", SqlDialect.H2).sql()).isEqualTo("1=1");
      assertThat(oso.listFilter(new Value("User", "b"), "read", "Org").kind())
          .isEqualTo(AuthorizedFilter.Kind.NEVER);
    }
  }

  @Test
  void toSql_hostileColumn_isRejected() {
    try (Oso oso = Oso.embedded().policy(GLOBAL_INTO_RECURSION).build()) {
      AuthorizedFilter filter = oso.listFilter(new Value("User", "b"), "read", "Org");

      assertThatThrownBy(() -> filter.toSql("o.id; DROP TABLE x", SqlDialect.POSTGRES))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'o.id; DROP TABLE x'");
    }
  }
}
