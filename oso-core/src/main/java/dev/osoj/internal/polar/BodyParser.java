package dev.osoj.internal.polar;

import static dev.osoj.internal.polar.Cursor.PARSE_ERROR;
import static dev.osoj.internal.polar.Cursor.UNSUPPORTED;

import dev.osoj.SourceSpan;
import dev.osoj.internal.polar.ast.Call;
import dev.osoj.internal.polar.ast.CompareOp;
import dev.osoj.internal.polar.ast.Expr;
import dev.osoj.internal.polar.ast.ShExpr;
import dev.osoj.internal.polar.ast.ShTerm;
import dev.osoj.internal.polar.ast.Term;
import dev.osoj.internal.polar.ast.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses the pieces shared by all items: names, type names, terms, calls, rule bodies and shorthand
 * bodies (§2).
 *
 * <p>Decisions: the legacy words {@code cut debug print forall new mod rem} are rejected wherever a
 * name is expected, as "not supported in Oso Cloud Polar" (§1.9). Primitive object literals must
 * hold a value of their own type ({@code Integer{"3"}} is an error). Entity literals take a string
 * id only. Type names containing {@code ::} or ending in {@code ?} are reported as unsupported
 * (§1.2). A call cannot be used as a term (no nested calls).
 *
 * <p>The parser is deliberately wider than the checks of §3 where the checker can say more: the
 * operand of {@code not} may be any expression (the checker enforces §3.5), list literals after
 * {@code in} may hold any term (the checker enforces §3.4), and {@code matches!} is kept apart from
 * {@code matches} ({@link dev.osoj.internal.polar.ast.Expr.Matches#exact()}). The time constant is
 * allowed in rule heads and bodies but not in ground facts or assertions, whose grammar (§2 {@code
 * ground}, {@code a_arg}) has no place for it.
 */
final class BodyParser {
  /** Where a term appears; decides which term forms are allowed. */
  enum TermMode {
    /** Rule heads and rule types: everything, including typed variables. */
    HEAD,
    /** Rule bodies and conditions: no typed variables. */
    BODY,
    /** Fixture and setup facts: literals and entity literals only. */
    GROUND,
    /** Assertion calls: ground terms, variables, {@code _} and typed variables. */
    ASSERT
  }

  private static final Set<String> LEGACY_WORDS =
      Set.of("cut", "debug", "print", "forall", "new", "mod", "rem");
  private static final String FIELD_ACCESS =
      "field access with '.' is not supported: model it as a fact, e.g. is_public(r, true)";

  /** The deepest nesting of parentheses and {@code not} accepted. */
  static final int MAX_DEPTH = 200;

  private final Cursor c;
  private final Lexer lexer;
  private int depth;

  BodyParser(Cursor cursor) {
    this.c = cursor;
    this.lexer = cursor.lexer;
  }

  SourceSpan span(int token) {
    return lexer.span(token);
  }

  // ---------------------------------------------------------------- names

  /** Consumes an identifier used as a predicate, variable or relation name. */
  int name(String what) {
    if (!c.at(TokenKind.IDENT)) {
      throw c.expected(what);
    }
    checkWord(c.pos());
    return c.advance();
  }

  /** Fails on the legacy words that the Cloud language dropped. */
  void checkWord(int token) {
    int length = lexer.end(token) - lexer.start(token);
    if (length >= 3
        && length <= 6
        && lexer.kind(token) == TokenKind.IDENT
        && LEGACY_WORDS.contains(lexer.text(token))) {
      throw c.fail(
          UNSUPPORTED, token, "'" + lexer.text(token) + "' is not supported in Oso Cloud Polar");
    }
  }

  TypeRef typeName() {
    int token = name("a type name");
    return typeRef(token);
  }

  private TypeRef typeRef(int token) {
    String text = lexer.text(token);
    if (text.contains("::") || text.endsWith("?")) {
      throw c.fail(
          UNSUPPORTED,
          token,
          "type name '" + text + "' is not supported: '::' and '?' cannot appear in type names");
    }
    return new TypeRef(text, span(token));
  }

  // ---------------------------------------------------------------- literals

  /** Returns the decoded contents of a string token (§1.3). */
  String string(int token) {
    String text = lexer.source();
    int from = lexer.start(token) + 1;
    int to = lexer.end(token) - 1;
    int backslash = from;
    while (backslash < to && text.charAt(backslash) != '\\') {
      backslash++;
    }
    if (backslash == to) {
      return text.substring(from, to);
    }
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (ch == '\\' && i + 1 < to) {
        out.append(unescape(text.charAt(++i)));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static char unescape(char ch) {
    switch (ch) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '0':
        return '\0';
      default:
        return ch;
    }
  }

  private long integer(int token) {
    try {
      return Long.parseLong(lexer.text(token));
    } catch (NumberFormatException e) {
      throw c.fail(
          PARSE_ERROR,
          token,
          "integer " + c.describe(token) + " does not fit in 64 bits (Integer is 64-bit signed)");
    }
  }

  private Cursor.Bail floatError(int token) {
    return c.fail(
        UNSUPPORTED, token, c.describe(token) + ": floating-point numbers are not supported");
  }

  // ---------------------------------------------------------------- terms

  Term term(TermMode mode) {
    int t = c.pos();
    switch (c.kind()) {
      case STRING:
        c.advance();
        return new Term.Str(string(t), span(t));
      case INTEGER:
        c.advance();
        return new Term.Int(integer(t), span(t));
      case FLOAT:
        throw floatError(t);
      case TRUE:
      case FALSE:
        c.advance();
        return new Term.Bool(lexer.kind(t) == TokenKind.TRUE, span(t));
      case AT_NAME:
        return constant(mode);
      case IDENT:
        return identTerm(mode);
      case LBRACKET:
        throw c.fail(PARSE_ERROR, t, "a list literal is allowed only on the right of 'in'");
      case LBRACE:
        throw c.fail(
            UNSUPPORTED,
            t,
            "dictionary literals are not supported in Oso Cloud Polar: model the data as facts");
      case ARITH:
        throw c.fail(UNSUPPORTED, t, "arithmetic is not supported in Oso Cloud Polar");
      default:
        unsupportedOperator();
        throw c.expected(termWhat(mode));
    }
  }

  private static String termWhat(TermMode mode) {
    switch (mode) {
      case GROUND:
        return "a literal or entity literal";
      case ASSERT:
        return "a literal, entity literal or variable";
      default:
        return "a variable, literal or entity literal";
    }
  }

  private Term constant(TermMode mode) {
    int t = c.pos();
    if (!lexer.is(t, "@current_unix_time")) {
      throw c.fail(
          PARSE_ERROR,
          t,
          "unknown constant " + c.describe(t) + ": the only constant is '@current_unix_time'");
    }
    if (mode == TermMode.GROUND || mode == TermMode.ASSERT) {
      throw c.expected(termWhat(mode));
    }
    c.advance();
    return new Term.Now(span(t));
  }

  private Term identTerm(TermMode mode) {
    int t = c.advance();
    TokenKind next = c.kind();
    if (next == TokenKind.LBRACE) {
      return objectLiteral(t);
    }
    checkWord(t);
    if (next == TokenKind.LPAREN) {
      throw c.fail(
          PARSE_ERROR, t, "a call cannot be used as an argument or operand: " + c.describe(t));
    }
    if (next == TokenKind.DOT) {
      throw c.fail(UNSUPPORTED, c.pos(), FIELD_ACCESS);
    }
    String name = lexer.text(t);
    if (mode == TermMode.GROUND) {
      throw c.fail(
          PARSE_ERROR,
          t,
          "a fact must be ground (literals and entity literals only), found variable '"
              + name
              + "'");
    }
    if (next == TokenKind.COLON) {
      if (mode == TermMode.BODY) {
        throw c.fail(
            PARSE_ERROR,
            c.pos(),
            "a type annotation such as '"
                + name
                + ": Type' is allowed only in rule heads and "
                + "assertions: use '"
                + name
                + " matches Type'");
      }
      c.advance();
      return new Term.Typed(name, typeName(), span(t));
    }
    return name.equals("_") ? new Term.Anon(span(t)) : new Term.Var(name, span(t));
  }

  /** {@code Type{"id"}} or a primitive object {@code String{"a"}}; the type token is consumed. */
  private Term objectLiteral(int typeToken) {
    TypeRef type = typeRef(typeToken);
    c.advance();
    Term value;
    switch (type.name()) {
      case "String":
        value = primitive(typeToken, TokenKind.STRING, null, "a string");
        break;
      case "Integer":
        value = primitive(typeToken, TokenKind.INTEGER, null, "an integer");
        break;
      case "Boolean":
        value = primitive(typeToken, TokenKind.TRUE, TokenKind.FALSE, "'true' or 'false'");
        break;
      default:
        value = new Term.Entity(type, entityId(type), span(typeToken));
    }
    if (!c.at(TokenKind.RBRACE)) {
      throw c.expected("'}' after the value of " + c.describe(typeToken) + "{...}");
    }
    c.advance();
    return value;
  }

  private Term primitive(int typeToken, TokenKind kind, @Nullable TokenKind other, String what) {
    if (c.at(TokenKind.FLOAT)) {
      throw floatError(c.pos());
    }
    if (!c.at(kind) && (other == null || !c.at(other))) {
      throw c.fail(
          PARSE_ERROR,
          c.pos(),
          "'" + lexer.text(typeToken) + "{...}' needs " + what + ", found " + c.describe(c.pos()));
    }
    Term plain = term(TermMode.BODY);
    return withSpan(plain, span(typeToken));
  }

  private static Term withSpan(Term term, SourceSpan span) {
    if (term instanceof Term.Str) {
      return new Term.Str(((Term.Str) term).value(), span);
    }
    if (term instanceof Term.Int) {
      return new Term.Int(((Term.Int) term).value(), span);
    }
    if (term instanceof Term.Bool) {
      return new Term.Bool(((Term.Bool) term).value(), span);
    }
    throw new AssertionError(term);
  }

  private String entityId(TypeRef type) {
    int t = c.pos();
    if (c.at(TokenKind.IDENT) && c.kind(1) == TokenKind.COLON) {
      throw c.fail(
          UNSUPPORTED,
          t,
          "field patterns such as '"
              + type.name()
              + "{"
              + lexer.text(t)
              + ": ...}' are not "
              + "supported: an entity literal takes a string id, e.g. "
              + type.name()
              + "{\"alice\"}");
    }
    if (!c.at(TokenKind.STRING)) {
      throw c.fail(
          PARSE_ERROR,
          t,
          "entity literal '" + type.name() + "{...}' needs a string id, found " + c.describe(t));
    }
    c.advance();
    return string(t);
  }

  // ---------------------------------------------------------------- calls

  /** {@code name(t1, …)} with arguments parsed in the given mode. */
  Call call(TermMode mode, String what) {
    int t = name(what);
    if (!c.at(TokenKind.LPAREN)) {
      throw c.expected("'(' after " + c.describe(t));
    }
    c.advance();
    List<Term> args = new ArrayList<>();
    if (!c.at(TokenKind.RPAREN)) {
      do {
        args.add(term(mode));
      } while (c.accept(TokenKind.COMMA));
    }
    expectClose(TokenKind.RPAREN, "',' or ')'");
    return new Call(lexer.text(t), args, span(t));
  }

  /** Expects a closing token, naming unsupported operators precisely when they are found. */
  void expectClose(TokenKind kind, String what) {
    if (!c.at(kind)) {
      unsupportedOperator();
      throw c.expected(what);
    }
    c.advance();
  }

  // ---------------------------------------------------------------- rule bodies

  Expr or() {
    Expr first = and();
    if (!c.at(TokenKind.OR)) {
      return first;
    }
    List<Expr> operands = new ArrayList<>();
    operands.add(first);
    while (c.accept(TokenKind.OR)) {
      operands.add(and());
    }
    return new Expr.Or(operands, first.span());
  }

  private Expr and() {
    Expr first = not();
    if (!c.at(TokenKind.AND)) {
      return first;
    }
    List<Expr> operands = new ArrayList<>();
    operands.add(first);
    while (c.accept(TokenKind.AND)) {
      operands.add(not());
    }
    return new Expr.And(operands, first.span());
  }

  private Expr not() {
    if (c.at(TokenKind.NOT)) {
      int t = c.advance();
      enter(t);
      Expr operand = not();
      depth--;
      return new Expr.Not(operand, span(t));
    }
    return primary();
  }

  /**
   * Guards the recursion of nested groups so that deep nesting is an error, not a stack overflow.
   */
  private void enter(int token) {
    if (++depth > MAX_DEPTH) {
      throw c.fail(
          PARSE_ERROR,
          token,
          "expression nested too deeply at "
              + c.describe(token)
              + ": at most "
              + MAX_DEPTH
              + " levels of parentheses and 'not'");
    }
  }

  private Expr primary() {
    int t = c.pos();
    switch (c.kind()) {
      case LPAREN:
        enter(c.advance());
        Expr inner = or();
        expectClose(TokenKind.RPAREN, "')'");
        depth--;
        return inner;
      case TRUE:
      case FALSE:
        if (!isOperator(c.kind(1))) {
          c.advance();
          return new Expr.BoolConst(lexer.kind(t) == TokenKind.TRUE, span(t));
        }
        break;
      case IDENT:
        if (c.kind(1) == TokenKind.LPAREN) {
          return call(TermMode.BODY, "a predicate name");
        }
        if (c.kind(1) == TokenKind.MATCHES || c.kind(1) == TokenKind.MATCHES_EXACT) {
          return matches();
        }
        break;
      case SEMI:
      case RPAREN:
      case RBRACE:
      case COMMA:
      case AND:
      case OR:
      case IF:
      case EOF:
        throw c.expected("a condition");
      default:
        break;
    }
    return operation(t, term(TermMode.BODY));
  }

  private static boolean isOperator(TokenKind kind) {
    switch (kind) {
      case EQ:
      case NE:
      case LT:
      case LE:
      case GT:
      case GE:
      case IN:
      case EQEQ:
        return true;
      default:
        return false;
    }
  }

  private Expr matches() {
    int t = c.advance();
    checkWord(t);
    if (lexer.is(t, "_")) {
      throw c.fail(PARSE_ERROR, t, "'_' cannot be tested with 'matches': name the variable");
    }
    boolean exact = lexer.kind(c.advance()) == TokenKind.MATCHES_EXACT;
    TypeRef type = typeName();
    return new Expr.Matches(new Term.Var(lexer.text(t), span(t)), type, exact, span(t));
  }

  private Expr operation(int leftToken, Term left) {
    int t = c.pos();
    CompareOp op = compareOp(c.kind());
    if (op != null) {
      c.advance();
      return new Expr.Compare(op, left, term(TermMode.BODY), left.span());
    }
    switch (c.kind()) {
      case EQ:
        c.advance();
        return new Expr.Unify(left, term(TermMode.BODY), left.span());
      case IN:
        c.advance();
        return new Expr.In(left, inList(), left.span());
      case MATCHES:
      case MATCHES_EXACT:
        throw c.fail(
            PARSE_ERROR,
            t,
            "only a variable can be tested with 'matches', found " + c.describe(leftToken));
      default:
        unsupportedOperator();
        throw c.expected("'=', '!=', '<', '<=', '>', '>=' or 'in' after " + c.describe(leftToken));
    }
  }

  private static @Nullable CompareOp compareOp(TokenKind kind) {
    switch (kind) {
      case NE:
        return CompareOp.NE;
      case LT:
        return CompareOp.LT;
      case LE:
        return CompareOp.LE;
      case GT:
        return CompareOp.GT;
      case GE:
        return CompareOp.GE;
      default:
        return null;
    }
  }

  /** Fails with a precise message when the current token is an operator Cloud Polar lacks. */
  private void unsupportedOperator() {
    int t = c.pos();
    switch (c.kind()) {
      case EQEQ:
        throw c.fail(UNSUPPORTED, t, "'==' is not supported in Oso Cloud Polar: use '='");
      case ASSIGN:
        throw c.fail(UNSUPPORTED, t, "':=' is not supported in Oso Cloud Polar: use '='");
      case DOT:
        throw c.fail(UNSUPPORTED, t, FIELD_ACCESS);
      case BANG:
        throw c.fail(UNSUPPORTED, t, "'!' is not supported in Oso Cloud Polar: use 'not'");
      case ARITH:
        throw c.fail(
            UNSUPPORTED,
            t,
            "arithmetic (" + c.describe(t) + ") is not supported in Oso Cloud Polar");
      case INTEGER:
      case FLOAT:
        char sign = lexer.source().charAt(lexer.start(t));
        if (sign == '-' || sign == '+') {
          throw c.fail(
              UNSUPPORTED, t, "arithmetic ('" + sign + "') is not supported in Oso Cloud Polar");
        }
        return;
      case IDENT:
        checkWord(t);
        return;
      default:
        return;
    }
  }

  private List<Term> inList() {
    int t = c.pos();
    if (!c.at(TokenKind.LBRACKET)) {
      throw c.fail(
          PARSE_ERROR,
          t,
          "'in' needs a list literal on the right, e.g. x in [\"a\", \"b\"], found "
              + c.describe(t));
    }
    c.advance();
    List<Term> list = new ArrayList<>();
    while (!c.at(TokenKind.RBRACKET)) {
      if (c.at(TokenKind.ARITH) && lexer.is(c.pos(), "*")) {
        throw c.fail(UNSUPPORTED, c.pos(), "rest variables such as '*rest' are not supported");
      }
      list.add(term(TermMode.BODY));
      if (!c.accept(TokenKind.COMMA)) {
        break;
      }
    }
    expectClose(TokenKind.RBRACKET, "',' or ']'");
    return list;
  }

  // ---------------------------------------------------------------- shorthand bodies

  /** Forgets the nesting depth after an item was abandoned part-way. */
  void resetDepth() {
    depth = 0;
  }

  ShExpr shOr() {
    ShExpr first = shAnd();
    if (!c.at(TokenKind.OR)) {
      return first;
    }
    List<ShExpr> operands = new ArrayList<>();
    operands.add(first);
    while (c.accept(TokenKind.OR)) {
      operands.add(shAnd());
    }
    return new ShExpr.Or(operands, first.span());
  }

  private ShExpr shAnd() {
    ShExpr first = shPrimary();
    if (!c.at(TokenKind.AND)) {
      return first;
    }
    List<ShExpr> operands = new ArrayList<>();
    operands.add(first);
    while (c.accept(TokenKind.AND)) {
      operands.add(shPrimary());
    }
    return new ShExpr.And(operands, first.span());
  }

  private ShExpr shPrimary() {
    int t = c.pos();
    switch (c.kind()) {
      case LPAREN:
        enter(c.advance());
        ShExpr inner = shOr();
        expectClose(TokenKind.RPAREN, "')'");
        depth--;
        return inner;
      case NOT:
        throw c.fail(
            PARSE_ERROR,
            t,
            "'not' is not allowed in a shorthand rule body: write an ordinary rule instead");
      case IDENT:
        TokenKind next = c.kind(1);
        if (c.atWord("global") && (next == TokenKind.STRING || next == TokenKind.IDENT)) {
          c.advance();
          return new ShExpr.Global(shTerm(), span(t));
        }
        if (next == TokenKind.LPAREN) {
          return call(TermMode.BODY, "a predicate name");
        }
        return shOn();
      case STRING:
        return shOn();
      default:
        throw c.expected("a role, permission, relation, call or '(' in the shorthand rule body");
    }
  }

  private ShExpr shOn() {
    ShTerm subject = shTerm();
    if (!c.atWord("on")) {
      return subject;
    }
    c.advance();
    return new ShExpr.On(subject, shTerm(), subject.span());
  }

  /** A string or identifier of a shorthand rule. */
  ShTerm shTerm() {
    int t = c.pos();
    if (c.at(TokenKind.STRING)) {
      c.advance();
      return new ShTerm.Str(string(t), span(t));
    }
    if (!c.at(TokenKind.IDENT)) {
      throw c.expected("a string or a name such as role or permission");
    }
    checkWord(t);
    c.advance();
    if (c.at(TokenKind.DOT)) {
      throw c.fail(UNSUPPORTED, c.pos(), FIELD_ACCESS);
    }
    return new ShTerm.Ident(lexer.text(t), span(t));
  }
}
