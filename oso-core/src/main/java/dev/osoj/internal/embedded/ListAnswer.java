package dev.osoj.internal.embedded;

import java.util.List;

/**
 * The answer of {@code list} or {@code actions} from a {@link QuestionEngine}.
 *
 * @param values the concrete answers (ids or action names), sorted, without duplicates
 * @param unbounded true when every value of the asked type is an answer (a wildcard rule, polar.md
 *     §5.7); {@code values} may then be empty
 */
public record ListAnswer(List<String> values, boolean unbounded) {
  /** Creates an answer, copying the values. */
  public ListAnswer {
    values = List.copyOf(values);
  }
}
