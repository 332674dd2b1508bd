package dev.osoj.internal.hibernate;

import dev.osoj.sql.SqlFragment;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a rendered {@link SqlFragment} into the text of a Hibernate filter condition: every {@code
 * ?} placeholder becomes a named parameter {@code :p0}, {@code :p1}, … in order.
 *
 * <p>Hibernate rewrites every colon of a filter condition into a parameter reference, so a fragment
 * holding a colon of its own (a PostgreSQL {@code ::} cast, a colon in a quoted name) cannot be
 * carried by a filter; {@link #toCondition} returns empty for it and the caller falls back to an id
 * list.
 */
final class FilterSql {
  private FilterSql() {}

  /**
   * Returns the name of the parameter standing for the placeholder at an index.
   *
   * @param index the 0-based placeholder index
   * @return the name, such as {@code p3}
   */
  static String parameterName(int index) {
    return String.format(Locale.ROOT, "p%d", index);
  }

  /**
   * Converts the placeholders of a fragment into named parameters.
   *
   * @param fragment the fragment
   * @return the condition text, or empty when the text holds a colon of its own or the number of
   *     placeholders differs from the number of parameters
   */
  static Optional<String> toCondition(SqlFragment fragment) {
    List<String> pieces = fragment.textAroundParameters().orElse(null);
    if (pieces == null || pieces.stream().anyMatch(piece -> piece.indexOf(':') >= 0)) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder(fragment.sql().length() + 16);
    for (int i = 0; i < pieces.size(); i++) {
      if (i > 0) {
        out.append(':').append(parameterName(i - 1));
      }
      out.append(pieces.get(i));
    }
    return Optional.of(out.toString());
  }
}
