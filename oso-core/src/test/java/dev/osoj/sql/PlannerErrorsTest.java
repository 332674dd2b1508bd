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
  void listFilter_globalRoleFeedingRecursion_failsNamingTheRule() {
    JdbcFactStore store = new JdbcFactStore(TestDatabases.h2(), SqlDialect.H2);
    try (Oso oso = Oso.embedded().policy(GLOBAL_INTO_RECURSION).factStore(store).build()) {
      oso.insert(Fact.of("has_role", new Value("User", "a"), Value.of("root")));
      oso.insert(
          Fact.of(
              "has_relation", new Value("Org", "x"), Value.of("parent"), new Value("Org", "y")));

      assertThatThrownBy(() -> oso.listFilter(new Value("User", "a"), "read", "Org"))
          .isInstanceOf(EvaluationException.class)
          .hasMessageContaining("\"member\" if global \"root\"")
          .hasMessageContaining("policy.polar:9:")
          .hasMessageContaining("unbounded");
    }
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
