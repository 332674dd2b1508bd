package dev.osoj.internal.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.LocalBindings;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlFragment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EntityFilterSqlTest {
  private static final String POLICY =
      "actor User {}\n"
          + "resource Organization { roles = [\"member\"]; }\n"
          + "resource Repository {\n"
          + "  roles = [\"reader\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  relations = { organization: Organization };\n"
          + "  \"reader\" if \"member\" on \"organization\";\n"
          + "  \"read\" if \"reader\";\n"
          + "  \"read\" if is_public(resource);\n"
          + "}\n";

  private static final String BINDINGS =
      "facts:\n"
          + "  \"has_role(User:_, String:_, Organization:_)\":\n"
          + "    query: SELECT user_id, role, org_id FROM org_roles\n"
          + "  \"has_role(User:_, String:_, Repository:_)\":\n"
          + "    query: SELECT user_id, role, repo_id FROM repo_roles\n"
          + "  \"has_relation(Repository:_, String:organization, Organization:_)\":\n"
          + "    query: SELECT id, org_id FROM repositories WHERE org_id IS NOT NULL\n"
          + "  \"is_public(Repository:_)\":\n"
          + "    query: SELECT id FROM repositories WHERE is_public\n"
          + "sql_types:\n"
          + "  User: text\n"
          + "  Organization: bigint\n"
          + "  Repository: bigint\n";

  private static AuthorizedFilter filter(Oso oso) {
    return oso.listFilter(new Value("User", "O'Brien"), "read", "Repository");
  }

  private static Oso oso(SqlDialect dialect) {
    return Oso.embedded()
        .policy(POLICY)
        .localBindings(LocalBindings.fromYaml(BINDINGS))
        .sqlDialect(dialect)
        .build();
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void renderings_boundTable_tableAwareFirstThenColumnForm(SqlDialect dialect) {
    try (Oso oso = oso(dialect)) {
      List<SqlFragment> r = EntityFilterSql.renderings(filter(oso), "repositories", "id", dialect);

      assertThat(r).hasSize(2);
      assertThat(r.get(0).sql())
          .contains("{alias}.is_public")
          .contains("{alias}.org_id IN (SELECT")
          .doesNotContainPattern("repositories b[0-9]");
      assertThat(r.get(1).sql()).contains("{alias}.id IN (").doesNotContain("{alias}.is_public");
      assertThat(FilterSql.toCondition(r.get(0)).orElseThrow())
          .contains(":p0")
          .doesNotContain("O'Brien");
      assertThat(r.get(0).parameters()).contains("O'Brien");
    }
  }

  @Test
  void renderings_unboundTable_bothFormsAreTheColumnForm() {
    try (Oso oso = oso(SqlDialect.POSTGRES)) {
      List<SqlFragment> r =
          EntityFilterSql.renderings(filter(oso), "archived_repos", "id", SqlDialect.POSTGRES);

      assertThat(r).hasSize(2);
      assertThat(r.get(0)).isEqualTo(r.get(1));
    }
  }

  @Test
  void renderings_idColumnNotSimple_columnFormOnly() {
    try (Oso oso = oso(SqlDialect.H2)) {
      List<SqlFragment> r =
          EntityFilterSql.renderings(filter(oso), "repositories", "\"Id\"", SqlDialect.H2);

      assertThat(r).hasSize(1);
      assertThat(r.get(0).sql()).contains("{alias}.\"Id\" IN (");
    }
  }

  @Test
  void bareTable_qualifiedOrQuoted_lastPartWithoutQuotes() {
    assertThat(EntityFilterSql.bareTable("repositories")).isEqualTo("repositories");
    assertThat(EntityFilterSql.bareTable("app.repositories")).isEqualTo("repositories");
    assertThat(EntityFilterSql.bareTable("\"Repos\"")).isEqualTo("Repos");
    assertThat(EntityFilterSql.bareTable("app.\"Repos\"")).isEqualTo("Repos");
  }
}
