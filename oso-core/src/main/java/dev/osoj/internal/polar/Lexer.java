package dev.osoj.internal.polar;

import dev.osoj.Diagnostic;
import dev.osoj.SourceSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits policy text into tokens (§1). Tokens are kept in parallel arrays (kind, start, end, line,
 * column) so lexing allocates nothing per token; token text is cut from the source only when the
 * parser needs it.
 *
 * <p>Decisions: identifiers follow the full Unicode shape of §1.2 (first character {@code _} or any
 * non-punctuation, non-whitespace, non-digit character; segments joined with {@code ::}; one
 * trailing {@code ?}). Signed integers are single tokens ({@code -7}). Decimals and exponents are
 * lexed as {@link TokenKind#FLOAT} so that the parser can reject them precisely. Lexical errors
 * (unexpected characters, unterminated strings, trailing {@code ::}) are recorded as diagnostics
 * and produce an {@link TokenKind#ERROR} token, so parsing continues and reports further errors.
 */
final class Lexer {
  private static final char QUOTE = '\'';
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int MAX_SHOWN = 20;
  private final String file;
  private final String text;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private TokenKind[] kinds;
  private int[] starts;
  private int[] ends;
  private int[] lines;
  private int[] columns;
  private int count;

  private int pos;
  private int line = 1;
  private int lineStart;

  Lexer(PolicySource source) {
    this.file = source.file();
    this.text = source.text();
    int capacity = Math.max(16, text.length() / 4);
    kinds = new TokenKind[capacity];
    starts = new int[capacity];
    ends = new int[capacity];
    lines = new int[capacity];
    columns = new int[capacity];
    run();
  }

  int count() {
    return count;
  }

  TokenKind kind(int i) {
    return kinds[i];
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  String text(int i) {
    return text.substring(starts[i], ends[i]);
  }

  /** Returns whether token {@code i} is spelled exactly {@code word}. */
  boolean is(int i, String word) {
    int length = ends[i] - starts[i];
    return length == word.length() && text.startsWith(word, starts[i]);
  }

  SourceSpan span(int i) {
    return new SourceSpan(file, lines[i], columns[i]);
  }

  String source() {
    return text;
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private void run() {
    int length = text.length();
    while (true) {
      skipSpaceAndComments();
      if (pos >= length) {
        add(TokenKind.EOF, pos, pos);
        return;
      }
      lexToken();
    }
  }

  private void skipSpaceAndComments() {
    int length = text.length();
    while (pos < length) {
      char c = text.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == BYTE_ORDER_MARK) {
        pos++;
      } else if (c == '#') {
        while (pos < length && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private void lexToken() {
    char c = text.charAt(pos);
    if (c == '"') {
      lexString();
    } else if (isDigit(c) || ((c == '-' || c == '+') && isDigit(peek(1)))) {
      lexNumber();
    } else if (isIdentStart(c)) {
      lexIdentifier();
    } else if (c == '@' && isIdentStart(peek(1))) {
      int start = pos++;
      scanIdentifierTail();
      add(TokenKind.AT_NAME, start, pos);
    } else {
      lexPunctuation(c);
    }
  }

  private void lexPunctuation(char c) {
    int start = pos;
    TokenKind kind = peek(1) == '=' ? withEquals(c) : null;
    if (kind != null) {
      pos += 2;
    } else {
      kind = single(c);
      if (kind == null) {
        kind = TokenKind.ERROR;
        pos += unexpectedCharacter(c);
      } else {
        pos++;
      }
    }
    add(kind, start, pos);
  }

  /** The two-character operators ending in {@code =}, or null. */
  private static @Nullable TokenKind withEquals(char c) {
    switch (c) {
      case ':':
        return TokenKind.ASSIGN;
      case '=':
        return TokenKind.EQEQ;
      case '!':
        return TokenKind.NE;
      case '<':
        return TokenKind.LE;
      case '>':
        return TokenKind.GE;
      case '?':
        return TokenKind.QUERY;
      default:
        return null;
    }
  }

  /** The one-character tokens, or null. */
  private static @Nullable TokenKind single(char c) {
    switch (c) {
      case '(':
        return TokenKind.LPAREN;
      case ')':
        return TokenKind.RPAREN;
      case '[':
        return TokenKind.LBRACKET;
      case ']':
        return TokenKind.RBRACKET;
      case '{':
        return TokenKind.LBRACE;
      case '}':
        return TokenKind.RBRACE;
      case ',':
        return TokenKind.COMMA;
      case ';':
        return TokenKind.SEMI;
      case ':':
        return TokenKind.COLON;
      case '.':
        return TokenKind.DOT;
      case '=':
        return TokenKind.EQ;
      case '!':
        return TokenKind.BANG;
      case '<':
        return TokenKind.LT;
      case '>':
        return TokenKind.GT;
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
        return TokenKind.ARITH;
      default:
        return null;
    }
  }

  /** Reports a character that starts no token; returns how many characters to skip. */
  private int unexpectedCharacter(char c) {
    if (c != QUOTE) {
      error(pos, "unexpected character '" + c + "'");
      return Character.isHighSurrogate(c) && pos + 1 < text.length() ? 2 : 1;
    }
    int close = pos + 1;
    while (close < text.length() && text.charAt(close) != QUOTE && text.charAt(close) != '\n') {
      close++;
    }
    if (close < text.length() && text.charAt(close) == QUOTE) {
      error(pos, "unexpected " + text.substring(pos, close + 1) + ": strings use double quotes");
      return close + 1 - pos;
    }
    error(pos, "unexpected character " + QUOTE + QUOTE + QUOTE + ": strings use double quotes");
    return 1;
  }

  private void lexString() {
    int start = pos++;
    int length = text.length();
    while (pos < length) {
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        add(TokenKind.STRING, start, pos);
        return;
      }
      if (c == '\n' || c == '\r') {
        break;
      }
      if (c == '\\' && pos + 1 < length && text.charAt(pos + 1) != '\n') {
        pos += 2;
      } else {
        pos++;
      }
    }
    String shown = text.substring(start, Math.min(pos, start + MAX_SHOWN));
    error(
        start,
        "unterminated string '" + shown + "': add the closing '\"' before the end of the line");
    add(TokenKind.ERROR, start, pos);
  }

  private void lexNumber() {
    int start = pos;
    if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
      pos++;
    }
    skipDigits();
    boolean isFloat = false;
    if (peek(0) == '.' && isDigit(peek(1))) {
      pos++;
      skipDigits();
      isFloat = true;
    }
    char e = peek(0);
    if ((e == 'e' || e == 'E')
        && (isDigit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && isDigit(peek(2))))) {
      pos += 2;
      skipDigits();
      isFloat = true;
    }
    add(isFloat ? TokenKind.FLOAT : TokenKind.INTEGER, start, pos);
  }

  private void skipDigits() {
    while (isDigit(peek(0))) {
      pos++;
    }
  }

  private void lexIdentifier() {
    int start = pos;
    pos++;
    scanIdentifierTail();
    while (peek(0) == ':' && peek(1) == ':') {
      if (!isIdentStart(peek(2))) {
        error(pos, "a name cannot end with '::'");
        pos += 2;
        add(TokenKind.ERROR, start, pos);
        return;
      }
      pos += 3;
      scanIdentifierTail();
    }
    if (peek(0) == '?' && peek(1) != '=') {
      pos++;
    }
    add(keywordKind(start, pos), start, pos);
  }

  private void scanIdentifierTail() {
    while (pos < text.length() && isIdentPart(text.charAt(pos))) {
      pos++;
    }
  }

  private TokenKind keywordKind(int start, int end) {
    switch (end - start) {
      case 2:
        if (text.startsWith("if", start)) {
          return TokenKind.IF;
        }
        if (text.startsWith("or", start)) {
          return TokenKind.OR;
        }
        return text.startsWith("in", start) ? TokenKind.IN : TokenKind.IDENT;
      case 3:
        if (text.startsWith("and", start)) {
          return TokenKind.AND;
        }
        return text.startsWith("not", start) ? TokenKind.NOT : TokenKind.IDENT;
      case 4:
        return text.startsWith("true", start) ? TokenKind.TRUE : TokenKind.IDENT;
      case 5:
        return text.startsWith("false", start) ? TokenKind.FALSE : TokenKind.IDENT;
      case 7:
        if (text.startsWith("matches", start)) {
          if (peek(0) == '!' && peek(1) != '=') {
            pos++;
            return TokenKind.MATCHES_EXACT;
          }
          return TokenKind.MATCHES;
        }
        return TokenKind.IDENT;
      default:
        return TokenKind.IDENT;
    }
  }

  private char peek(int offset) {
    int at = pos + offset;
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void add(TokenKind kind, int start, int end) {
    if (count == kinds.length) {
      int capacity = count * 2;
      kinds = Arrays.copyOf(kinds, capacity);
      starts = Arrays.copyOf(starts, capacity);
      ends = Arrays.copyOf(ends, capacity);
      lines = Arrays.copyOf(lines, capacity);
      columns = Arrays.copyOf(columns, capacity);
    }
    kinds[count] = kind;
    starts[count] = start;
    ends[count] = end;
    lines[count] = line;
    columns[count] = start - lineStart + 1;
    count++;
  }

  private void error(int offset, String message) {
    SourceSpan span = new SourceSpan(file, line, offset - lineStart + 1);
    diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, "ParseError", span, message));
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentStart(char c) {
    return c == '_' || (!isDigit(c) && isIdentPart(c));
  }

  static boolean isIdentPart(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }
    return !Character.isWhitespace(c) && !Character.isSpaceChar(c);
  }
}
