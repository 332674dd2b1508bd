package dev.osoj.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * SQL text with {@code ?} placeholders and the values to bind to them, in order. Parameters are
 * {@link String}, {@link Long}, {@link Integer}, {@link Boolean} or {@link java.util.UUID} objects.
 *
 * @param sql the text
 * @param parameters the values of the placeholders, in order of appearance
 */
public record SqlFragment(String sql, List<Object> parameters) {
  /** Creates a fragment, copying the parameters. */
  public SqlFragment {
    requireNonNull(sql, "sql");
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
  }

  /**
   * Binds the parameters to a prepared statement, starting at a given index.
   *
   * @param statement the statement
   * @param firstIndex the index of the first placeholder of this fragment (1-based)
   * @return the index after the last bound placeholder
   * @throws java.sql.SQLException if the driver refuses a value
   */
  public int bind(java.sql.PreparedStatement statement, int firstIndex)
      throws java.sql.SQLException {
    int i = firstIndex;
    for (Object p : parameters) {
      statement.setObject(i++, p);
    }
    return i;
  }

  /**
   * Returns the text split at the placeholders that stand for {@link #parameters()}: the piece
   * before the first, the pieces between, and the piece after the last (one more piece than there
   * are parameters), so an integration can write each parameter its own way (a bind value, a named
   * parameter). A {@code ?} inside a quoted string or a quoted name is text.
   *
   * @return the pieces, or empty if a quote is left open or the placeholders outside quotes do not
   *     match the parameters one to one (a hand-written binding query may hold a {@code ?} of its
   *     own)
   */
  public Optional<List<String>> textAroundParameters() {
    List<String> pieces = new ArrayList<>(parameters.size() + 1);
    StringBuilder piece = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote == 0 && c == '?') {
        pieces.add(piece.toString());
        piece.setLength(0);
        continue;
      }
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
      piece.append(c);
    }
    pieces.add(piece.toString());
    if (quote != 0 || pieces.size() != parameters.size() + 1) {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(pieces));
  }
}
