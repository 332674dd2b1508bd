package dev.osoj.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A local binding query simple enough to be inlined into generated SQL instead of being used as a
 * derived table: {@code SELECT col, … FROM table [[AS] alias] [WHERE condition]}, where every
 * selected item is a plain (optionally alias-qualified) column and the condition is built only from
 * columns, numbers, string literals, {@code TRUE}, {@code FALSE}, {@code NULL}, the comparison
 * operators, {@code IS [NOT] NULL}, {@code AND}, {@code OR}, {@code NOT} and parentheses. Names are
 * plain identifiers or double-quoted ones made of letters, digits, {@code _} and {@code $} (as jOOQ
 * and other query builders quote every name); the table may be schema-qualified, and a column may
 * be qualified by the alias, or, without one, by the table as written ({@code
 * "PUBLIC"."REPOSITORIES"."ID"}). Anything else (joins, functions, {@code DISTINCT}, other quoted
 * names, {@code GROUP BY}, sub-queries, …) is not recognized, and such a binding stays a derived
 * table.
 *
 * <p>Recognition is strict on purpose: the query is re-written with every column qualified by a
 * private alias, which is only safe when each token's role is known.
 *
 * <p>Names are kept as written, quotes included; {@link #table(SqlDialect)} and {@link
 * #columns(SqlDialect)} drop the quotes where the database would read the plain name the same way,
 * so that they compare with the names a {@link FilterTarget} gives.
 *
 * @param table the table, possibly schema-qualified, as written
 * @param columns the selected columns, unqualified, in order, as written
 * @param condition the tokens of the condition (empty if none), columns unqualified
 */
record SimpleQuery(String table, List<String> columns, List<Token> condition) {
  private static final int CACHE_LIMIT = 1024;
  private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();
  private static final Object NONE = new Object();

  /** A double-quoted name this recognizer accepts. */
  private static final Pattern QUOTED = Pattern.compile("\"[A-Za-z0-9_$]+\"");

  /** Words that are never taken for a column or an alias. */
  private static final Set<String> RESERVED =
      Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "GROUP",
          "ORDER",
          "BY",
          "HAVING",
          "LIMIT",
          "OFFSET",
          "FETCH",
          "UNION",
          "INTERSECT",
          "EXCEPT",
          "JOIN",
          "INNER",
          "LEFT",
          "RIGHT",
          "FULL",
          "CROSS",
          "NATURAL",
          "ON",
          "USING",
          "AS",
          "DISTINCT",
          "ALL",
          "ANY",
          "SOME",
          "IN",
          "LIKE",
          "ILIKE",
          "BETWEEN",
          "EXISTS",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "WINDOW",
          "WITH",
          "FOR",
          "LATERAL",
          "TABLE",
          "VALUES",
          "AND",
          "OR",
          "NOT",
          "IS",
          "NULL",
          "TRUE",
          "FALSE",
          "ESCAPE",
          "SIMILAR",
          "COLLATE",
          "OVER",
          "FILTER",
          "QUALIFY",
          "TOP",
          "ROWNUM",
          "USER",
          "CURRENT_USER",
          "SESSION_USER",
          "CURRENT_ROLE",
          "CURRENT_DATE",
          "CURRENT_TIME",
          "CURRENT_TIMESTAMP",
          "LOCALTIME",
          "LOCALTIMESTAMP",
          "CURRENT_SCHEMA",
          "CURRENT_CATALOG",
          "DEFAULT",
          "ARRAY",
          "ROW",
          "CAST",
          "INTERVAL",
          "DATE",
          "TIME",
          "TIMESTAMP");

  SimpleQuery {
    columns = List.copyOf(columns);
    condition = List.copyOf(condition);
  }

  /**
   * Returns the table with each quoted part that the dialect would read the same without quotes
   * written plain.
   *
   * @param dialect the database's dialect
   * @return the table name
   */
  String table(SqlDialect dialect) {
    List<String> parts = new ArrayList<>();
    for (String part : table.split("\\.")) {
      parts.add(dialect.plainName(part));
    }
    return String.join(".", parts);
  }

  /**
   * Returns the selected columns, each written plain where the dialect would read it the same.
   *
   * @param dialect the database's dialect
   * @return the columns, in order
   */
  List<String> columns(SqlDialect dialect) {
    List<String> out = new ArrayList<>();
    for (String column : columns) {
      out.add(dialect.plainName(column));
    }
    return out;
  }

  /** One token of a condition. */
  record Token(Kind kind, String text) {}

  /** Token kinds. */
  enum Kind {
    COLUMN,
    WORD,
    NUMBER,
    STRING,
    OPERATOR,
    OPEN,
    CLOSE
  }

  /**
   * Recognizes a binding query.
   *
   * @param query the query text
   * @return the parsed query, or null if it is not of the simple form
   */
  static @Nullable SimpleQuery of(String query) {
    Object cached = CACHE.get(query);
    if (cached == null) {
      SimpleQuery parsed = new Parser(query).parse();
      cached = parsed == null ? NONE : parsed;
      if (CACHE.size() >= CACHE_LIMIT) {
        CACHE.clear();
      }
      CACHE.put(query, cached);
    }
    return cached == NONE ? null : (SimpleQuery) cached;
  }

  /**
   * Renders the condition with every column qualified by an alias.
   *
   * @param alias the alias text
   * @return the condition, or null if there is none
   */
  @Nullable String conditionSql(String alias) {
    if (condition.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder("(");
    Token prev = null;
    for (Token t : condition) {
      boolean glue = prev == null || prev.kind() == Kind.OPEN || t.kind() == Kind.CLOSE;
      if (!glue) {
        out.append(' ');
      }
      out.append(t.kind() == Kind.COLUMN ? alias + "." + t.text() : t.text());
      prev = t;
    }
    return out.append(')').toString();
  }

  /** A recursive-descent recognizer over a hand-made tokenizer. */
  private static final class Parser {
    private final String text;
    private int pos;
    private @Nullable String alias;
    private @Nullable String table;
    private @Nullable String bare;

    Parser(String text) {
      this.text = text;
    }

    @Nullable SimpleQuery parse() {
      List<String[]> raw = tokenize();
      if (raw == null) {
        return null;
      }
      try {
        return build(raw);
      } catch (IllegalStateException e) {
        return null;
      }
    }

    private SimpleQuery build(List<String[]> raw) {
      Cursor c = new Cursor(raw);
      c.keyword("SELECT");
      List<List<String>> items = new ArrayList<>();
      do {
        items.add(c.reference());
      } while (c.accept(","));
      c.keyword("FROM");
      List<String> tableName = c.reference();
      if (tableName.size() > 2) {
        throw new IllegalStateException();
      }
      table = String.join(".", tableName);
      bare = tableName.get(tableName.size() - 1);
      if (c.acceptWord("AS")) {
        alias = c.identifier();
      } else if (c.peekIdentifier()) {
        alias = c.identifier();
      }
      List<Token> cond = new ArrayList<>();
      if (c.acceptWord("WHERE")) {
        new Condition(c, cond).or();
      }
      if (!c.atEnd()) {
        throw new IllegalStateException();
      }
      List<String> columns = new ArrayList<>();
      for (List<String> item : items) {
        columns.add(unqualify(item));
      }
      return new SimpleQuery(table, columns, cond);
    }

    /**
     * Returns a column reference's name; its qualifier, if any, must name the query's one table:
     * the alias if there is one, else the table's name, bare or as written.
     */
    private String unqualify(List<String> ref) {
      String name = ref.get(ref.size() - 1);
      if (ref.size() == 1) {
        return name;
      }
      List<String> qualifier = ref.subList(0, ref.size() - 1);
      boolean ok =
          alias != null
              ? same(qualifier, List.of(alias))
              : same(qualifier, List.of(bare)) || same(qualifier, List.of(table.split("\\.")));
      if (!ok) {
        throw new IllegalStateException();
      }
      return name;
    }

    /**
     * Whether two names are the same whatever the database: plain parts equal ignoring case, quoted
     * ones exactly (a quoted and a plain part are taken as different, which only refuses a query).
     */
    private static boolean same(List<String> a, List<String> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        String x = a.get(i);
        String y = b.get(i);
        boolean quoted = x.startsWith("\"") || y.startsWith("\"");
        if (quoted ? !x.equals(y) : !x.equalsIgnoreCase(y)) {
          return false;
        }
      }
      return true;
    }

    /** The condition grammar: or := and (OR and)*, and := not (AND not)*, not := NOT not | … */
    private final class Condition {
      private final Cursor c;
      private final List<Token> out;

      Condition(Cursor c, List<Token> out) {
        this.c = c;
        this.out = out;
      }

      void or() {
        and();
        while (c.acceptWord("OR")) {
          out.add(new Token(Kind.WORD, "OR"));
          and();
        }
      }

      void and() {
        not();
        while (c.acceptWord("AND")) {
          out.add(new Token(Kind.WORD, "AND"));
          not();
        }
      }

      void not() {
        if (c.acceptWord("NOT")) {
          out.add(new Token(Kind.WORD, "NOT"));
          not();
          return;
        }
        if (c.accept("(")) {
          out.add(new Token(Kind.OPEN, "("));
          or();
          c.expect(")");
          out.add(new Token(Kind.CLOSE, ")"));
          return;
        }
        operand();
        if (c.acceptWord("IS")) {
          out.add(new Token(Kind.WORD, "IS"));
          if (c.acceptWord("NOT")) {
            out.add(new Token(Kind.WORD, "NOT"));
          }
          c.keyword("NULL");
          out.add(new Token(Kind.WORD, "NULL"));
        } else if (c.peekOperator()) {
          out.add(new Token(Kind.OPERATOR, c.next()[1]));
          operand();
        }
      }

      private void operand() {
        String[] t = c.peek();
        if (t[0].equals("n") || t[0].equals("s")) {
          c.next();
          out.add(new Token(t[0].equals("n") ? Kind.NUMBER : Kind.STRING, t[1]));
          return;
        }
        String upper = t[1].toUpperCase(Locale.ROOT);
        if (t[0].equals("w") && (upper.equals("TRUE") || upper.equals("FALSE"))) {
          c.next();
          out.add(new Token(Kind.WORD, upper));
          return;
        }
        out.add(new Token(Kind.COLUMN, unqualify(c.reference())));
      }
    }

    /**
     * Tokens as pairs {kind, text}: w word, q quoted name (quotes kept), n number, s string, p
     * punctuation/operator.
     */
    private @Nullable List<String[]> tokenize() {
      List<String[]> out = new ArrayList<>();
      while (pos < text.length()) {
        char ch = text.charAt(pos);
        if (Character.isWhitespace(ch)) {
          pos++;
        } else if (Character.isLetter(ch) || ch == '_') {
          int start = pos;
          while (pos < text.length() && (isAsciiWordChar(text.charAt(pos)))) {
            pos++;
          }
          String word = text.substring(start, pos);
          if (!word.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return null;
          }
          out.add(new String[] {"w", word});
        } else if (ch >= '0' && ch <= '9') {
          int start = pos;
          while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
          }
          if (pos < text.length()
              && (isAsciiWordChar(text.charAt(pos)) || text.charAt(pos) == '.')) {
            return null;
          }
          out.add(new String[] {"n", text.substring(start, pos)});
        } else if (ch == '"') {
          int end = text.indexOf('"', pos + 1);
          if (end < 0 || !QUOTED.matcher(text).region(pos, end + 1).matches()) {
            return null;
          }
          out.add(new String[] {"q", text.substring(pos, end + 1)});
          pos = end + 1;
        } else if (ch == '\'') {
          String literal = stringLiteral();
          if (literal == null) {
            return null;
          }
          out.add(new String[] {"s", literal});
        } else {
          String op = operator();
          if (op == null) {
            return null;
          }
          out.add(new String[] {"p", op});
        }
      }
      return out;
    }

    private static boolean isAsciiWordChar(char ch) {
      return ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_');
    }

    private @Nullable String stringLiteral() {
      int start = pos++;
      while (pos < text.length()) {
        char ch = text.charAt(pos++);
        if (ch == '\\') {
          return null;
        }
        if (ch == '\'') {
          if (pos < text.length() && text.charAt(pos) == '\'') {
            pos++;
          } else {
            return text.substring(start, pos);
          }
        }
      }
      return null;
    }

    private @Nullable String operator() {
      for (String op : new String[] {"<=", ">=", "<>", "!=", "=", "<", ">", "(", ")", ",", "."}) {
        if (text.startsWith(op, pos)) {
          pos += op.length();
          return op;
        }
      }
      return null;
    }
  }

  /** Walks the token list; every failure is an {@link IllegalStateException} (not simple). */
  private static final class Cursor {
    private final List<String[]> tokens;
    private int i;

    Cursor(List<String[]> tokens) {
      this.tokens = tokens;
    }

    boolean atEnd() {
      return i >= tokens.size();
    }

    String[] peek() {
      if (atEnd()) {
        throw new IllegalStateException();
      }
      return tokens.get(i);
    }

    String[] next() {
      String[] t = peek();
      i++;
      return t;
    }

    boolean accept(String punctuation) {
      if (!atEnd() && tokens.get(i)[0].equals("p") && tokens.get(i)[1].equals(punctuation)) {
        i++;
        return true;
      }
      return false;
    }

    void expect(String punctuation) {
      if (!accept(punctuation)) {
        throw new IllegalStateException();
      }
    }

    boolean acceptWord(String word) {
      if (!atEnd() && tokens.get(i)[0].equals("w") && tokens.get(i)[1].equalsIgnoreCase(word)) {
        i++;
        return true;
      }
      return false;
    }

    void keyword(String word) {
      if (!acceptWord(word)) {
        throw new IllegalStateException();
      }
    }

    boolean peekOperator() {
      return !atEnd()
          && tokens.get(i)[0].equals("p")
          && Set.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(tokens.get(i)[1]);
    }

    boolean peekIdentifier() {
      if (atEnd()) {
        return false;
      }
      String[] t = tokens.get(i);
      return t[0].equals("q")
          || t[0].equals("w") && !RESERVED.contains(t[1].toUpperCase(Locale.ROOT));
    }

    String identifier() {
      if (!peekIdentifier()) {
        throw new IllegalStateException();
      }
      return next()[1];
    }

    /** A name of one to three dot-separated parts: returns the parts. */
    List<String> reference() {
      List<String> parts = new ArrayList<>();
      parts.add(identifier());
      while (accept(".")) {
        if (parts.size() == 3) {
          throw new IllegalStateException();
        }
        parts.add(identifier());
      }
      return parts;
    }
  }
}
