package dev.osoj.internal.polar;

/** The kinds of token the {@link Lexer} produces. */
enum TokenKind {
  IDENT,
  STRING,
  INTEGER,
  /** A decimal or exponent number: lexed only so the error can be precise. */
  FLOAT,
  /** {@code @name}: {@code @current_unix_time} or a rule flag. */
  AT_NAME,
  LPAREN,
  RPAREN,
  LBRACKET,
  RBRACKET,
  LBRACE,
  RBRACE,
  COMMA,
  SEMI,
  COLON,
  EQ,
  NE,
  LT,
  LE,
  GT,
  GE,
  /** {@code ?=}. */
  QUERY,
  // Reserved words.
  IF,
  AND,
  OR,
  NOT,
  IN,
  MATCHES,
  /** {@code matches!}. */
  MATCHES_EXACT,
  TRUE,
  FALSE,
  // Tokens that exist only to produce precise "not supported" errors.
  /** {@code ==}. */
  EQEQ,
  /** {@code :=}. */
  ASSIGN,
  DOT,
  BANG,
  /** {@code + - * / %}. */
  ARITH,
  /** A character that starts no token, or an unterminated string; already reported. */
  ERROR,
  EOF
}
