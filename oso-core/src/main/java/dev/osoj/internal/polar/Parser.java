package dev.osoj.internal.polar;

import static dev.osoj.internal.polar.Cursor.PARSE_ERROR;

import dev.osoj.Diagnostic;
import dev.osoj.PolicySyntaxException;
import dev.osoj.internal.polar.BodyParser.TermMode;
import dev.osoj.internal.polar.ast.Assertion;
import dev.osoj.internal.polar.ast.BlockMember;
import dev.osoj.internal.polar.ast.Call;
import dev.osoj.internal.polar.ast.DeclValue;
import dev.osoj.internal.polar.ast.Expr;
import dev.osoj.internal.polar.ast.Head;
import dev.osoj.internal.polar.ast.Item;
import dev.osoj.internal.polar.ast.Name;
import dev.osoj.internal.polar.ast.PolicyFile;
import dev.osoj.internal.polar.ast.Setup;
import dev.osoj.internal.polar.ast.SetupItem;
import dev.osoj.internal.polar.ast.ShExpr;
import dev.osoj.internal.polar.ast.ShTerm;
import dev.osoj.internal.polar.ast.TypeRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Recursive-descent parser for one Polar file (grammar of polar.md §2).
 *
 * <p>Errors are collected, not thrown one by one: after the first error of an item the parser skips
 * to the next {@code ;} at the item's own nesting level, or to the {@code }} that closes the block
 * it is in (inside {@code actor}/{@code resource}/{@code global} blocks recovery is per member),
 * and goes on. All errors are then thrown together as a {@link PolicySyntaxException}, sorted by
 * position, with code {@code ParseError} or {@code UnsupportedSyntax}.
 *
 * <p>Decisions ([choice] points of the spec):
 *
 * <ul>
 *   <li>Rule flags ({@code @name} before a rule), {@code type} rule types and {@code ?=} inline
 *       queries are parsed into the tree; the checker rejects flags and inline queries.
 *   <li>Contextual words ({@code actor resource global type declare test}) start an item only when
 *       followed by what the grammar requires; otherwise the item is a rule named by that word.
 *   <li>Declarations are parsed as a key plus a string list or a map, whatever the key, so the
 *       checker reports unknown keys and wrong shapes ({@code BadDeclaration}).
 *   <li>Trailing commas are accepted only where the grammar allows them ({@code extends} lists,
 *       string lists, relation maps, list literals), not in calls or heads.
 *   <li>Zero-parameter heads {@code f()} are accepted; a test without assertions is an error
 *       (newest grammar).
 * </ul>
 */
public final class Parser {
  private static final Comparator<Diagnostic> SOURCE_ORDER =
      Comparator.comparingInt((Diagnostic d) -> d.span().line())
          .thenComparingInt(d -> d.span().column());

  private final Lexer lexer;
  private final Cursor c;
  private final BodyParser body;

  private Parser(PolicySource source) {
    this.lexer = new Lexer(source);
    this.c = new Cursor(lexer);
    this.body = new BodyParser(c);
  }

  /**
   * Parses one policy file.
   *
   * @param source the file name and text
   * @return the items of the file
   * @throws PolicySyntaxException with every syntax error found, when the text does not parse
   */
  public static PolicyFile parse(PolicySource source) {
    Parser parser = new Parser(source);
    List<Item> items = parser.items();
    List<Diagnostic> errors = new ArrayList<>(parser.lexer.diagnostics());
    errors.addAll(parser.c.diagnostics());
    if (!errors.isEmpty()) {
      errors.sort(SOURCE_ORDER);
      throw new PolicySyntaxException(errors);
    }
    return new PolicyFile(source.file(), items);
  }

  /**
   * Parses a single call, such as a fact {@code has_role(User{"a"}, "admin", Org{"o"})} or a query
   * {@code has_role(User{"a"}, role: String, _)}, as written on a command line or in a request. A
   * trailing {@code ;} is allowed.
   *
   * @param source the text and the name to use in spans
   * @param ground true to accept only literals and entity literals as arguments (a fact); false to
   *     accept also variables, {@code _} and typed variables (a query)
   * @return the call
   * @throws PolicySyntaxException when the text is not exactly one call
   */
  public static Call parseCall(PolicySource source, boolean ground) {
    Parser parser = new Parser(source);
    return parser.single(
        () -> parser.body.call(ground ? TermMode.GROUND : TermMode.ASSERT, "a predicate name"));
  }

  /**
   * Parses a condition: the body of a rule, such as {@code x matches User and f(x)}. A trailing
   * {@code ;} is allowed.
   *
   * @param source the text and the name to use in spans
   * @return the expression
   * @throws PolicySyntaxException when the text is not exactly one condition
   */
  public static Expr parseCondition(PolicySource source) {
    Parser parser = new Parser(source);
    return parser.single(parser.body::or);
  }

  private <T> T single(Supplier<T> production) {
    @Nullable T result = null;
    try {
      result = production.get();
      c.accept(TokenKind.SEMI);
      if (!c.at(TokenKind.EOF)) {
        throw c.expected("end of input");
      }
    } catch (Cursor.Bail bail) {
      result = null;
    }
    List<Diagnostic> errors = new ArrayList<>(lexer.diagnostics());
    errors.addAll(c.diagnostics());
    if (!errors.isEmpty() || result == null) {
      errors.sort(SOURCE_ORDER);
      throw new PolicySyntaxException(errors);
    }
    return result;
  }

  private List<Item> items() {
    List<Item> items = new ArrayList<>();
    while (!c.at(TokenKind.EOF)) {
      int start = c.pos();
      boolean braced = isBracedItem();
      try {
        items.add(item());
      } catch (Cursor.Bail bail) {
        recover(start, braced, false);
      }
    }
    return items;
  }

  private boolean isBracedItem() {
    return c.atWord("actor") || c.atWord("resource") || c.atWord("global") || c.atWord("test");
  }

  /**
   * Skips from {@code start} past the failed token to the end of the item or member: the next
   * {@code ;} at nesting depth 0, the {@code }} that returns a braced item to depth 0, or (inside a
   * block) just before the {@code }} that closes the enclosing block.
   */
  private void recover(int start, boolean braced, boolean inBlock) {
    body.resetDepth();
    int failed = Math.max(c.failedAt(), start);
    c.reset(start);
    int depth = 0;
    while (!c.at(TokenKind.EOF)) {
      int i = c.pos();
      TokenKind kind = c.kind();
      if (kind == TokenKind.LBRACE) {
        depth++;
      } else if (kind == TokenKind.RBRACE) {
        depth--;
        if (depth < 0 && inBlock) {
          return;
        }
        if (depth <= 0 && i >= failed && (braced || depth < 0)) {
          c.advance();
          return;
        }
        depth = Math.max(depth, 0);
      } else if (kind == TokenKind.SEMI && depth == 0 && i >= failed) {
        c.advance();
        return;
      }
      c.advance();
    }
  }

  private Item item() {
    switch (c.kind()) {
      case AT_NAME:
        return rule();
      case QUERY:
        return inlineQuery();
      case IDENT:
        return identItem();
      default:
        throw c.expected("a rule, block, test or declaration");
    }
  }

  private Item identItem() {
    TokenKind next = c.kind(1);
    if ((c.atWord("actor") || c.atWord("resource")) && next == TokenKind.IDENT) {
      return resourceBlock();
    }
    if (c.atWord("global") && next == TokenKind.LBRACE) {
      return globalBlock();
    }
    if (c.atWord("type") && next == TokenKind.IDENT) {
      int start = c.advance();
      Head head = head();
      semicolon("the rule type");
      return new Item.RuleType(head, body.span(start));
    }
    if (c.atWord("declare") && next == TokenKind.IDENT) {
      return declare();
    }
    if (c.atWord("test") && c.atWord(1, "fixture")) {
      return fixture();
    }
    if (c.atWord("test") && next == TokenKind.STRING) {
      return testBlock();
    }
    return rule();
  }

  private void semicolon(String what) {
    if (c.at(TokenKind.SEMI)) {
      c.advance();
    } else {
      body.expectClose(TokenKind.SEMI, "';' at the end of " + what);
    }
  }

  // ---------------------------------------------------------------- rules

  private Item.Rule rule() {
    int start = c.pos();
    List<Name> flags = new ArrayList<>();
    while (c.at(TokenKind.AT_NAME)) {
      int t = c.advance();
      flags.add(new Name(lexer.text(t).substring(1), body.span(t)));
    }
    Head head = head();
    Expr condition = null;
    if (c.accept(TokenKind.IF)) {
      condition = body.or();
      if (!c.at(TokenKind.SEMI)) {
        body.expectClose(TokenKind.SEMI, "'and', 'or' or ';' after the rule body");
      }
    } else if (!c.at(TokenKind.SEMI)) {
      body.expectClose(TokenKind.SEMI, "'if' or ';' after the rule head");
    }
    c.advance();
    return new Item.Rule(flags, head, condition, body.span(start));
  }

  private Head head() {
    Call call = body.call(TermMode.HEAD, "a rule name");
    return new Head(call.name(), call.args(), call.span());
  }

  private Item inlineQuery() {
    int start = c.advance();
    Expr query = body.or();
    semicolon("the inline query");
    return new Item.InlineQuery(query, body.span(start));
  }

  private Item declare() {
    int start = c.advance();
    int t = body.name("a predicate name");
    c.expect(TokenKind.LPAREN, "'(' after " + c.describe(t));
    List<TypeRef> types = new ArrayList<>();
    if (!c.at(TokenKind.RPAREN)) {
      do {
        types.add(body.typeName());
      } while (c.accept(TokenKind.COMMA));
    }
    body.expectClose(TokenKind.RPAREN, "',' or ')'");
    semicolon("the declaration");
    Name predicate = new Name(lexer.text(t), body.span(t));
    return new Item.Declare(predicate, types, body.span(start));
  }

  // ---------------------------------------------------------------- blocks

  private Item resourceBlock() {
    int start = c.advance();
    Item.BlockKind kind = lexer.is(start, "actor") ? Item.BlockKind.ACTOR : Item.BlockKind.RESOURCE;
    TypeRef type = body.typeName();
    List<TypeRef> supertypes = new ArrayList<>();
    if (c.atWord("extends")) {
      c.advance();
      do {
        if (c.at(TokenKind.LBRACE) && !supertypes.isEmpty()) {
          break;
        }
        supertypes.add(body.typeName());
      } while (c.accept(TokenKind.COMMA));
    }
    String what = lexer.text(start) + " " + type.name();
    c.expect(TokenKind.LBRACE, "'{' to open the '" + what + "' block");
    List<BlockMember> members = members(what);
    return new Item.ResourceBlock(kind, type, supertypes, members, body.span(start));
  }

  private Item globalBlock() {
    int start = c.advance();
    c.advance();
    return new Item.GlobalBlock(members("global"), body.span(start));
  }

  private List<BlockMember> members(String block) {
    List<BlockMember> members = entries(block, this::member);
    c.accept(TokenKind.RBRACE);
    return members;
  }

  /**
   * Parses the entries of a braced section up to (not including) its closing {@code }}, recovering
   * after a bad entry at the next {@code ;}. A top-level block keyword met on the way means the
   * {@code }} is missing: that is reported and the section ends there.
   */
  private <T> List<T> entries(String block, Supplier<T> entry) {
    List<T> entries = new ArrayList<>();
    while (!c.at(TokenKind.RBRACE)) {
      if (c.at(TokenKind.EOF)) {
        throw c.expected("'}' to close the '" + block + "' block");
      }
      if (startsBlockItem()) {
        c.report(
            PARSE_ERROR,
            c.pos(),
            "missing '}' to close the '" + block + "' block before " + c.describe(c.pos()));
        return entries;
      }
      int start = c.pos();
      try {
        entries.add(entry.get());
      } catch (Cursor.Bail bail) {
        recover(start, false, true);
      }
    }
    return entries;
  }

  /** Whether the current token starts a top-level block, which cannot appear inside a block. */
  private boolean startsBlockItem() {
    TokenKind next = c.kind(1);
    if (c.atWord("actor") || c.atWord("resource")) {
      return next == TokenKind.IDENT && (c.kind(2) == TokenKind.LBRACE || c.atWord(2, "extends"));
    }
    if (c.atWord("test")) {
      return next == TokenKind.STRING || c.atWord(1, "fixture");
    }
    return c.atWord("global") && next == TokenKind.LBRACE;
  }

  private BlockMember member() {
    TokenKind next = c.kind(1);
    if (c.at(TokenKind.IDENT) && (next == TokenKind.EQ || next == TokenKind.EQEQ)) {
      return declaration();
    }
    if (c.at(TokenKind.IDENT) && next == TokenKind.COLON) {
      throw c.fail(
          PARSE_ERROR,
          c.pos() + 1,
          "expected '=' after "
              + c.describe(c.pos())
              + ", found ':': write declarations as '"
              + c.text()
              + " = ...;'");
    }
    if (c.at(TokenKind.STRING) || c.at(TokenKind.IDENT)) {
      return shorthandRule();
    }
    throw c.expected(
        "a declaration such as 'roles = [...];' or a shorthand rule such as '\"read\" if"
            + " \"reader\";'");
  }

  private BlockMember declaration() {
    int t = c.advance();
    body.expectClose(TokenKind.EQ, "'='");
    DeclValue value;
    if (c.at(TokenKind.LBRACKET)) {
      value = stringList();
    } else if (c.at(TokenKind.LBRACE)) {
      value = relationMap();
    } else {
      throw c.expected("'[' or '{' after '" + lexer.text(t) + " ='");
    }
    semicolon("the declaration");
    Name key = new Name(lexer.text(t), body.span(t));
    return new BlockMember.Declaration(key, value, body.span(t));
  }

  private DeclValue stringList() {
    int start = c.advance();
    List<Name> items = new ArrayList<>();
    while (!c.at(TokenKind.RBRACKET)) {
      int t = c.expect(TokenKind.STRING, "a string or ']'");
      items.add(new Name(body.string(t), body.span(t)));
      if (!c.accept(TokenKind.COMMA)) {
        break;
      }
    }
    c.expect(TokenKind.RBRACKET, "',' or ']'");
    return new DeclValue.StringList(items, body.span(start));
  }

  private DeclValue relationMap() {
    int start = c.advance();
    List<DeclValue.Entry> entries = new ArrayList<>();
    while (!c.at(TokenKind.RBRACE)) {
      int t = body.name("a relation name or '}'");
      if (!c.accept(TokenKind.COLON)) {
        throw c.expected("':' after the relation name " + c.describe(t));
      }
      TypeRef type = body.typeName();
      Name name = new Name(lexer.text(t), body.span(t));
      entries.add(new DeclValue.Entry(name, type, body.span(t)));
      if (!c.accept(TokenKind.COMMA)) {
        break;
      }
    }
    c.expect(TokenKind.RBRACE, "',' or '}'");
    return new DeclValue.RelationMap(entries, body.span(start));
  }

  private BlockMember shorthandRule() {
    ShTerm head = body.shTerm();
    c.expect(TokenKind.IF, "'if' after the shorthand rule head");
    ShExpr condition = body.shOr();
    if (!c.at(TokenKind.SEMI)) {
      body.expectClose(TokenKind.SEMI, "'and', 'or' or ';' after the shorthand rule body");
    }
    c.advance();
    return new BlockMember.ShorthandRule(head, condition, head.span());
  }

  // ---------------------------------------------------------------- tests

  private Item fixture() {
    int start = c.advance();
    c.advance();
    int t = body.name("a fixture name");
    c.expect(TokenKind.LBRACE, "'{' after the fixture name");
    List<Call> facts = entries("test fixture " + lexer.text(t), this::fact);
    c.accept(TokenKind.RBRACE);
    return new Item.Fixture(new Name(lexer.text(t), body.span(t)), facts, body.span(start));
  }

  private Call fact() {
    Call fact = body.call(TermMode.GROUND, "a fact or '}'");
    semicolon("the fact");
    return fact;
  }

  private Item testBlock() {
    int start = c.advance();
    int nameToken = c.advance();
    Name name = new Name(body.string(nameToken), body.span(nameToken));
    c.expect(TokenKind.LBRACE, "'{' after the test name");
    int errorsBefore = c.diagnostics().size();
    Setup setup = c.atWord("setup") && c.kind(1) == TokenKind.LBRACE ? setup() : null;
    List<Assertion> assertions = entries("test " + lexer.text(nameToken), this::assertion);
    if (assertions.isEmpty() && c.diagnostics().size() == errorsBefore) {
      c.report(
          PARSE_ERROR,
          c.pos(),
          "test '"
              + name.text()
              + "' has no assertions: add at least one 'assert' or 'assert_not'");
    }
    c.accept(TokenKind.RBRACE);
    return new Item.TestBlock(name, setup, assertions, body.span(start));
  }

  private Setup setup() {
    int start = c.advance();
    c.advance();
    List<SetupItem> items = entries("setup", this::setupItem);
    c.accept(TokenKind.RBRACE);
    return new Setup(items, body.span(start));
  }

  private SetupItem setupItem() {
    if (c.atWord("fixture") && c.kind(1) == TokenKind.IDENT) {
      int t = c.advance();
      int name = body.name("a fixture name");
      semicolon("the fixture reference");
      return new SetupItem.FixtureRef(new Name(lexer.text(name), body.span(name)), body.span(t));
    }
    return fact();
  }

  private Assertion assertion() {
    int start = c.pos();
    boolean negated = c.atWord("assert_not");
    if (!negated && !c.atWord("assert")) {
      if (c.atWord("setup")) {
        throw c.fail(PARSE_ERROR, start, "'setup' must come first in a test block");
      }
      throw c.expected("'assert', 'assert_not' or '}'");
    }
    c.advance();
    Call call = body.call(TermMode.ASSERT, "a predicate name");
    @Nullable Expr iff = null;
    if (c.atWord("iff")) {
      c.advance();
      iff = body.or();
    }
    if (!c.at(TokenKind.SEMI)) {
      String what = iff == null ? "'iff' or ';'" : "'and', 'or' or ';'";
      body.expectClose(TokenKind.SEMI, what + " after the assertion");
    }
    c.advance();
    return new Assertion(negated, call, iff, body.span(start));
  }
}
