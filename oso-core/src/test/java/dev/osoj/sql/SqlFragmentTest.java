package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlFragmentTest {
  @Test
  void textAroundParameters_splitsAtEachPlaceholder() {
    SqlFragment f = new SqlFragment("a = ? AND b IN (?, ?)", List.of(1, "x", "y"));

    assertThat(f.textAroundParameters()).contains(List.of("a = ", " AND b IN (", ", ", ")"));
  }

  @Test
  void textAroundParameters_questionMarksInQuotes_areText() {
    SqlFragment f = new SqlFragment("\"we?rd\".id = ? AND 'it''s?' = ?", List.of(1, 2));

    assertThat(f.textAroundParameters())
        .contains(List.of("\"we?rd\".id = ", " AND 'it''s?' = ", ""));
  }

  @Test
  void textAroundParameters_noParameters_isTheWholeText() {
    assertThat(new SqlFragment("r.is_public", List.of()).textAroundParameters())
        .contains(List.of("r.is_public"));
  }

  @Test
  void textAroundParameters_countMismatchOrOpenQuote_isEmpty() {
    assertThat(new SqlFragment("a = ? AND b = ?", List.of(1)).textAroundParameters()).isEmpty();
    assertThat(new SqlFragment("a = ?", List.of(1, 2)).textAroundParameters()).isEmpty();
    assertThat(new SqlFragment("a = 'open ?", List.of()).textAroundParameters()).isEmpty();
  }
}
