package dev.osoj.internal.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.sql.SqlFragment;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterSqlTest {
  @Test
  void toCondition_placeholders_becomeNumberedParameters() {
    SqlFragment f =
        new SqlFragment("{alias}.id IN (SELECT v FROM t WHERE a = ? AND b = ?)", List.of("x", 3L));

    assertThat(FilterSql.toCondition(f))
        .contains("{alias}.id IN (SELECT v FROM t WHERE a = :p0 AND b = :p1)");
  }

  @Test
  void toCondition_questionMarkInsideQuotes_isKept() {
    SqlFragment f = new SqlFragment("\"we?rd\".id = ? AND 'a?' = 'a?'", List.of("x"));

    assertThat(FilterSql.toCondition(f)).contains("\"we?rd\".id = :p0 AND 'a?' = 'a?'");
  }

  @Test
  void toCondition_postgresCast_isRefused() {
    SqlFragment f = new SqlFragment("{alias}.id = ?::bigint", List.of("1"));

    assertThat(FilterSql.toCondition(f)).isEmpty();
  }

  @Test
  void toCondition_placeholderCountMismatch_isRefused() {
    SqlFragment f = new SqlFragment("{alias}.id = ?", List.of());

    assertThat(FilterSql.toCondition(f)).isEmpty();
  }

  @Test
  void compiledName_oddCharacters_areReplaced() {
    assertThat(FilterNames.compiled("Repo", "User", "create-repo"))
        .isEqualTo("oso_Repo__User__create_repo");
  }
}
