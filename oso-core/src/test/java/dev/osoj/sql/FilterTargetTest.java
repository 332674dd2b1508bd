package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Quoted aliases and the Hibernate placeholder of {@link FilterTarget}. */
class FilterTargetTest {
  @Test
  void quotedAlias_lettersDigitsUnderscoreDollar_isAcceptedAsWritten() {
    assertThat(FilterTarget.of("repositories", "\"Repos_1$\"", "id").column())
        .isEqualTo("\"Repos_1$\".id");
    assertThat(FilterTarget.of("repositories", "\"r\"", "id").alias()).isEqualTo("\"r\"");
  }

  @Test
  void qualifiedAlias_tableNamedAsTheQueryWritesIt_isAcceptedAsWritten() {
    FilterTarget plain = FilterTarget.of("public.repositories", "public.repositories", "id");
    FilterTarget quoted =
        FilterTarget.of("PUBLIC.REPOSITORIES", "\"PUBLIC\".\"REPOSITORIES\"", "ID");

    assertThat(plain.column()).isEqualTo("public.repositories.id");
    assertThat(plain.aliasName()).isEqualTo("repositories");
    assertThat(quoted.column()).isEqualTo("\"PUBLIC\".\"REPOSITORIES\".ID");
    assertThat(quoted.aliasName()).isEqualTo("repositories");
  }

  @Test
  void quotedAlias_anythingElse_isRejectedByName() {
    for (String alias :
        List.of(
            "\"r\"x",
            "\"a\"\"b\"",
            "\"r.x\"",
            "\"r x\"",
            "\"\"",
            "\"r",
            "\"\u0003b0\u0004\"",
            "\"ünï\"",
            "r.",
            ".r",
            "a.b.c.d",
            "\"public\".\"r x\"",
            "public.{alias}",
            "{alias}")) {
      assertThatThrownBy(() -> FilterTarget.of("repositories", alias, "id"))
          .as(alias)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + alias + "'");
    }
  }

  @Test
  void placeholder_aliasIsHibernatesPlaceholder_tableAndColumnChecked() {
    FilterTarget t = FilterTarget.placeholder("repositories", "id");

    assertThat(t.column()).isEqualTo("{alias}.id");
    assertThat(t).isEqualTo(FilterTarget.placeholder("repositories", "id"));
    assertThatThrownBy(() -> FilterTarget.placeholder("repositories; DROP", "id"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FilterTarget.placeholder("repositories", "id)"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SqlDialect.class)
  void quotedAndPlaceholderAliases_sameShapeAsPlain_agreeWithEvaluator(SqlDialect dialect)
      throws Exception {
    DataSource ds = TestDatabases.of(dialect);
    List<Fact> facts = GitClubLocalBindingsTest.populate(ds, 5);
    LocalBindings bindings =
        LocalBindings.fromYaml(GitClubLocalBindingsTest.text("gitclub-bindings.yaml"));
    String policy = GitClubLocalBindingsTest.text("gitclub.polar");
    // quoted as the database folds unquoted names, so "B0" is the private-looking alias b0
    String fold = dialect == SqlDialect.H2 ? "B0" : "b0";
    try (Oso local =
            Oso.embedded().policy(policy).localBindings(bindings).sqlDialect(dialect).build();
        Oso memory = Oso.embedded().policy(policy).build()) {
      facts.forEach(memory::insert);
      for (int u = 1; u <= 2; u++) {
        Value user = GitClubLocalBindingsTest.v("User", u);
        TreeSet<String> expected = new TreeSet<>(memory.list(user, "read", "Repository"));
        AuthorizedFilter filter = local.listFilter(user, "read", "Repository");
        SqlFragment plain = filter.toSql(FilterTarget.of("repositories", "r", "id"), dialect);
        SqlFragment quoted = filter.toSql(FilterTarget.of("repositories", "\"Rq\"", "id"), dialect);
        SqlFragment shadowing =
            filter.toSql(FilterTarget.of("repositories", "\"" + fold + "\"", "id"), dialect);
        SqlFragment hibernate =
            filter.toSql(FilterTarget.placeholder("repositories", "id"), dialect);

        assertThat(plain.sql()).contains("r.is_public");
        assertThat(quoted.sql()).isEqualTo(plain.sql().replace("r.", "\"Rq\"."));
        assertThat(hibernate.sql()).isEqualTo(plain.sql().replace("r.", "{alias}."));
        assertThat(hibernate.parameters()).isEqualTo(plain.parameters());
        assertThat(
                GitClubLocalBindingsTest.query(
                    ds,
                    "SELECT \"Rq\".id FROM repositories \"Rq\" WHERE " + quoted.sql(),
                    quoted.parameters()))
            .as(quoted.sql())
            .isEqualTo(expected);
        assertThat(
                GitClubLocalBindingsTest.query(
                    ds,
                    "SELECT \""
                        + fold
                        + "\".id FROM repositories \""
                        + fold
                        + "\" WHERE "
                        + shadowing.sql(),
                    shadowing.parameters()))
            .as(shadowing.sql())
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void tableMatch_quotedPartsCaseSensitive_plainPartsFoldedAsTheDatabaseDoes() {
    // H2 reads "REPOS" and "ID" as the plain names REPOS and ID, in any case
    AuthorizedFilter upper = publicRepos("SELECT \"ID\" FROM \"REPOS\" WHERE \"PUB\"");
    assertThat(upper.toSql(FilterTarget.of("repos", "r", "id"), SqlDialect.H2).sql())
        .isEqualTo("(r.\"PUB\")");
    assertThat(upper.toSql(FilterTarget.of("\"REPOS\"", "r", "id"), SqlDialect.H2).sql())
        .isEqualTo("(r.\"PUB\")");
    assertThat(upper.toSql(FilterTarget.of("\"Repos\"", "r", "id"), SqlDialect.H2).sql())
        .startsWith("r.id IN (SELECT");
    // "Repos" is its own table on H2, not REPOS: only the same quoted name is the caller's table
    AuthorizedFilter mixed = publicRepos("SELECT \"ID\" FROM \"Repos\" WHERE \"PUB\"");
    assertThat(mixed.toSql(FilterTarget.of("\"Repos\"", "r", "id"), SqlDialect.H2).sql())
        .isEqualTo("(r.\"PUB\")");
    assertThat(mixed.toSql(FilterTarget.of("\"REPOS\"", "r", "id"), SqlDialect.H2).sql())
        .startsWith("r.id IN (SELECT");
    assertThat(mixed.toSql(FilterTarget.of("repos", "r", "id"), SqlDialect.H2).sql())
        .startsWith("r.id IN (SELECT");
  }

  /** The filter of "who may read which Repo" when a binding says which repositories are public. */
  private static AuthorizedFilter publicRepos(String query) {
    String policy =
        "actor User {}\n"
            + "resource Repo { permissions = [\"read\"]; \"read\" if is_public(resource); }\n";
    try (Oso oso =
        Oso.embedded()
            .policy(policy)
            .localBindings(LocalBindings.builder().fact("is_public(Repo:_)", query).build())
            .sqlDialect(SqlDialect.H2)
            .build()) {
      return oso.listFilter(new Value("User", "u"), "read", "Repo");
    }
  }

  @Test
  void sameName_comparesAsTheDatabaseDoes() {
    assertThat(SqlDialect.H2.sameName("public.repos", "\"PUBLIC\".\"REPOS\"")).isTrue();
    assertThat(SqlDialect.POSTGRES.sameName("public.repos", "\"public\".\"repos\"")).isTrue();
    assertThat(SqlDialect.POSTGRES.sameName("public.repos", "\"PUBLIC\".\"REPOS\"")).isFalse();
    assertThat(SqlDialect.H2.sameName("\"Repos\"", "\"REPOS\"")).isFalse();
    assertThat(SqlDialect.H2.sameName("\"Repos\"", "\"Repos\"")).isTrue();
    assertThat(SqlDialect.H2.sameName("Repos", "REPOS")).isTrue();
    assertThat(SqlDialect.H2.sameName("repos", "public.repos")).isFalse();
  }
}
