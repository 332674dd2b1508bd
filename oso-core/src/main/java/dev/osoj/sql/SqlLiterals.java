package dev.osoj.sql;

/**
 * The one place that writes values into SQL text, used only by the Oso-compatible {@code *Local}
 * methods (whose contract is SQL text with inlined literals). Every other path binds parameters.
 *
 * <p>Audit notes: strings are wrapped in single quotes with quotes doubled; on PostgreSQL a string
 * holding a backslash is written as an {@code E'…'} literal with backslashes doubled, so the result
 * does not depend on {@code standard_conforming_strings}; NUL characters and unpaired surrogates
 * are refused (neither database stores them, and they hide text from reviewers); numbers are
 * written from {@code long}/{@code int} values, booleans as {@code TRUE}/{@code FALSE}.
 */
final class SqlLiterals {
  private SqlLiterals() {}

  /**
   * Renders a parameter value as a literal.
   *
   * @param value a {@link String}, {@link Long}, {@link Integer} or {@link Boolean}
   * @param dialect the dialect
   * @return the literal text
   * @throws IllegalArgumentException for a string holding NUL or an unpaired surrogate, or an
   *     unsupported value class
   */
  static String literal(Object value, SqlDialect dialect) {
    if (value instanceof Long || value instanceof Integer) {
      return Long.toString(((Number) value).longValue());
    }
    if (value instanceof Boolean) {
      return ((Boolean) value) ? "TRUE" : "FALSE";
    }
    if (value instanceof String) {
      return string((String) value, dialect);
    }
    throw new IllegalArgumentException(
        "cannot render a value of class '" + value.getClass().getName() + "' as a SQL literal");
  }

  private static String string(String s, SqlDialect dialect) {
    boolean backslash = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("value '" + printable(s) + "' holds a NUL character");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new IllegalArgumentException(
              "value '" + printable(s) + "' holds an unpaired surrogate");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException(
            "value '" + printable(s) + "' holds an unpaired surrogate");
      }
      backslash |= c == '\\';
    }
    String quoted = s.replace("'", "''");
    if (dialect == SqlDialect.POSTGRES && backslash) {
      return "E'" + quoted.replace("\\", "\\\\") + "'";
    }
    return "'" + quoted + "'";
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints()
        .forEach(
            cp -> {
              if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }
}
