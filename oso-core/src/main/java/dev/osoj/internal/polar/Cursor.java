package dev.osoj.internal.polar;

import dev.osoj.Diagnostic;
import dev.osoj.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * A position in the token stream plus the diagnostics found so far. Parsing methods report the
 * first error of an item with {@link #fail} and unwind to the item loop, which skips ahead and goes
 * on.
 */
final class Cursor {
  /** Thrown to abandon the current item after its error has been recorded. */
  static final class Bail extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Bail() {
      super(null, null, false, false);
    }
  }

  static final String PARSE_ERROR = "ParseError";
  static final String UNSUPPORTED = "UnsupportedSyntax";
  private static final int MAX_SHOWN = 40;

  final Lexer lexer;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int pos;
  private int failedAt = -1;

  Cursor(Lexer lexer) {
    this.lexer = lexer;
  }

  int pos() {
    return pos;
  }

  void reset(int position) {
    pos = position;
  }

  int failedAt() {
    return failedAt;
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  TokenKind kind() {
    return lexer.kind(pos);
  }

  TokenKind kind(int ahead) {
    int at = Math.min(pos + ahead, lexer.count() - 1);
    return lexer.kind(at);
  }

  boolean at(TokenKind kind) {
    return lexer.kind(pos) == kind;
  }

  boolean atWord(String word) {
    return lexer.kind(pos) == TokenKind.IDENT && lexer.is(pos, word);
  }

  boolean atWord(int ahead, String word) {
    int at = Math.min(pos + ahead, lexer.count() - 1);
    return lexer.kind(at) == TokenKind.IDENT && lexer.is(at, word);
  }

  String text() {
    return lexer.text(pos);
  }

  SourceSpan span() {
    return lexer.span(pos);
  }

  /** Consumes the current token and returns its index. */
  int advance() {
    int current = pos;
    if (lexer.kind(pos) != TokenKind.EOF) {
      pos++;
    }
    return current;
  }

  boolean accept(TokenKind kind) {
    if (at(kind)) {
      advance();
      return true;
    }
    return false;
  }

  /** Consumes a token of the given kind or fails with "expected {what}". */
  int expect(TokenKind kind, String what) {
    if (!at(kind)) {
      throw expected(what);
    }
    return advance();
  }

  /** Fails with "expected {what}, found {current token}". */
  Bail expected(String what) {
    return fail(PARSE_ERROR, pos, "expected " + what + ", found " + describe(pos));
  }

  /** Records an error at token {@code token} and returns the exception that abandons the item. */
  Bail fail(String code, int token, String message) {
    if (lexer.kind(token) != TokenKind.ERROR) {
      diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, code, lexer.span(token), message));
    }
    failedAt = token;
    return new Bail();
  }

  /** Records an error that does not stop parsing of the current item. */
  void report(String code, int token, String message) {
    diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, code, lexer.span(token), message));
  }

  /** Returns the token as shown in messages: quoted text, or {@code end of file}. */
  String describe(int token) {
    if (lexer.kind(token) == TokenKind.EOF) {
      return "end of file";
    }
    String shown = lexer.text(token);
    if (shown.length() > MAX_SHOWN) {
      shown = shown.substring(0, MAX_SHOWN) + "...";
    }
    return "'" + shown + "'";
  }
}
