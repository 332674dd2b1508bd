package dev.osoj.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
}
