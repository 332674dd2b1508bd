package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HintsTest {
  @Test
  void closest_oneEditOrTransposition_suggested() {
    assertThat(Hints.closest("raeder", List.of("reader", "writer"))).isEqualTo("reader");
    assertThat(Hints.closest("Usr", List.of("User", "Repo"))).isEqualTo("User");
    assertThat(Hints.closest("has_permision", List.of("has_role", "has_permission")))
        .isEqualTo("has_permission");
  }

  @Test
  void closest_caseOnlyDifference_suggested() {
    assertThat(Hints.closest("user", List.of("User"))).isEqualTo("User");
  }

  @Test
  void closest_shortUnrelatedNames_notSuggested() {
    assertThat(Hints.closest("Doc", List.of("Org"))).isNull();
    assertThat(Hints.closest("g", List.of("f"))).isNull();
    assertThat(Hints.closest("Team", List.of("User"))).isNull();
  }

  @Test
  void closest_exactMatch_isNotAHint() {
    assertThat(Hints.closest("User", List.of("User"))).isNull();
  }

  @Test
  void suffix_noCandidate_isEmpty() {
    assertThat(Hints.suffix("zzz", List.of("reader"))).isEmpty();
    assertThat(Hints.suffix("readr", List.of("reader"))).isEqualTo("; did you mean 'reader'?");
  }

  @Test
  void distance_knownPairs_matchHandCount() {
    assertThat(Hints.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Hints.distance("ab", "ba")).isEqualTo(1);
    assertThat(Hints.distance("", "abc")).isEqualTo(3);
  }
}
