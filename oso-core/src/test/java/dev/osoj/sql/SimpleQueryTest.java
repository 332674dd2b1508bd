package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimpleQueryTest {
  @Test
  void of_plainSelect_isRecognizedWithItsColumns() {
    SimpleQuery q = SimpleQuery.of("SELECT user_id, role, repo_id FROM repo_roles");

    assertThat(q).isNotNull();
    assertThat(q.table()).isEqualTo("repo_roles");
    assertThat(q.columns()).containsExactly("user_id", "role", "repo_id");
    assertThat(q.conditionSql("b0")).isNull();
  }

  @Test
  void of_aliasedSelectWithCondition_qualifiesEveryColumnWithThePrivateAlias() {
    SimpleQuery q =
        SimpleQuery.of(
            "select r.id from public.repositories as r where r.is_public and (archived IS NOT"
                + " NULL or name <> 'it''s a b0.x') AND NOT deleted and stars >= 10");

    assertThat(q).isNotNull();
    assertThat(q.table()).isEqualTo("public.repositories");
    assertThat(q.columns()).containsExactly("id");
    assertThat(q.conditionSql("b7"))
        .isEqualTo(
            "(b7.is_public AND (b7.archived IS NOT NULL OR b7.name <> 'it''s a b0.x') AND NOT"
                + " b7.deleted AND b7.stars >= 10)");
  }

  @Test
  void of_tableNameAsQualifier_isRecognized() {
    SimpleQuery q = SimpleQuery.of("SELECT folders.id, folders.parent_id FROM folders");

    assertThat(q).isNotNull();
    assertThat(q.columns()).containsExactly("id", "parent_id");
  }

  @Test
  void of_quotedNames_areRecognizedAndKeptAsWritten() {
    SimpleQuery q =
        SimpleQuery.of(
            "select \"PUBLIC\".\"REPOSITORIES\".\"ID\", \"REPOSITORIES\".\"Org_Id\" from"
                + " \"PUBLIC\".\"REPOSITORIES\" where \"PUBLIC\".\"REPOSITORIES\".\"IS_PUBLIC\" = true");

    assertThat(q).isNotNull();
    assertThat(q.table()).isEqualTo("\"PUBLIC\".\"REPOSITORIES\"");
    assertThat(q.columns()).containsExactly("\"ID\"", "\"Org_Id\"");
    assertThat(q.conditionSql("b1")).isEqualTo("(b1.\"IS_PUBLIC\" = TRUE)");
  }

  @Test
  void tableAndColumns_dropQuotesOnlyWhereTheDialectReadsThePlainNameTheSame() {
    SimpleQuery upper =
        SimpleQuery.of("SELECT \"r\".\"ID\", \"r\".\"Org_Id\" FROM \"REPOS\" \"r\"");
    SimpleQuery lower = SimpleQuery.of("SELECT \"id\", \"org$id\" FROM \"public\".\"repos\"");

    assertThat(upper.table(SqlDialect.H2)).isEqualTo("REPOS");
    assertThat(upper.table(SqlDialect.POSTGRES)).isEqualTo("\"REPOS\"");
    assertThat(upper.columns(SqlDialect.H2)).containsExactly("ID", "\"Org_Id\"");
    assertThat(upper.columns(SqlDialect.POSTGRES)).containsExactly("\"ID\"", "\"Org_Id\"");
    assertThat(lower.table(SqlDialect.POSTGRES)).isEqualTo("public.repos");
    assertThat(lower.table(SqlDialect.H2)).isEqualTo("\"public\".\"repos\"");
    assertThat(lower.columns(SqlDialect.POSTGRES)).containsExactly("id", "\"org$id\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT DISTINCT id FROM repositories",
        "SELECT id FROM repositories r JOIN orgs o ON o.id = r.org_id",
        "SELECT id FROM repositories, orgs",
        "SELECT id FROM repositories WHERE COALESCE(is_public, FALSE)",
        "SELECT id FROM repositories WHERE id IN (SELECT repo_id FROM stars)",
        "SELECT id FROM repositories WHERE name LIKE 'a%'",
        "SELECT id FROM repositories WHERE is_public LIMIT 5",
        "SELECT id FROM repositories ORDER BY id",
        "SELECT id FROM repositories GROUP BY id",
        "SELECT id FROM repositories UNION SELECT id FROM archived",
        "SELECT \"a b\" FROM repositories",
        "SELECT \"id FROM repositories",
        "SELECT \"\" FROM repositories",
        "SELECT \"x\".\"id\" FROM \"repositories\"",
        "SELECT \"repositories\".\"id\" FROM \"repositories\" \"r\"",
        "SELECT \"R\".\"id\" FROM \"repositories\" \"r\"",
        "SELECT \"R\".id FROM repositories r",
        "SELECT id FROM \"a\".\"b\".\"repositories\"",
        "SELECT a.b.c.id FROM c",
        "SELECT id AS x FROM repositories",
        "SELECT id + 1 FROM repositories",
        "SELECT * FROM repositories",
        "SELECT 1 FROM repositories",
        "SELECT 'x' FROM repositories",
        "SELECT user FROM repositories",
        "SELECT id FROM repositories WHERE name = 'a\\' OR 1=1 --'",
        "SELECT id FROM repositories WHERE name = 'unterminated",
        "SELECT id FROM repositories -- comment",
        "SELECT id FROM repositories /* comment */",
        "SELECT id FROM repositories WHERE stars > -1",
        "SELECT id FROM repositories WHERE stars > 1.5",
        "SELECT id FROM repositories WHERE x.id = 1",
        "SELECT o.id FROM repositories r",
        "SELECT id FROM a.b.repositories",
        "SELECT id FROM repositories WHERE",
        "SELECT id FROM repositories WHERE (is_public",
        "SELECT id FROM repositories WHERE is_public = ?",
        "WITH x AS (SELECT id FROM r) SELECT id FROM x",
        "SELECT id FROM repositories WHERE naïve",
      })
  void of_anythingElse_isNotRecognized(String query) {
    assertThat(SimpleQuery.of(query)).isNull();
  }
}
