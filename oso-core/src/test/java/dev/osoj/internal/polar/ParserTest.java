package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.PolicySyntaxException;
import dev.osoj.SourceSpan;
import dev.osoj.internal.polar.ast.Assertion;
import dev.osoj.internal.polar.ast.AstNodes;
import dev.osoj.internal.polar.ast.BlockMember;
import dev.osoj.internal.polar.ast.Call;
import dev.osoj.internal.polar.ast.CompareOp;
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
import dev.osoj.internal.polar.ast.Term;
import dev.osoj.internal.polar.ast.TypeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each construct of the grammar (polar.md §1–2) parses into the expected tree. */
class ParserTest {
  private static final SourceSpan N = SourceSpan.NONE;

  static PolicyFile parseFile(String text) {
    return Parser.parse(new PolicySource("p.polar", text));
  }

  static List<Item> parse(String text) {
    return AstNodes.withoutSpans(parseFile(text).items());
  }

  static Item only(String text) {
    List<Item> items = parse(text);
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  static Expr body(String text) {
    Item.Rule rule = (Item.Rule) only("f(x) if " + text + ";");
    return rule.body();
  }

  static Term.Var var(String name) {
    return new Term.Var(name, N);
  }

  static Term.Str str(String value) {
    return new Term.Str(value, N);
  }

  static Term.Int integer(long value) {
    return new Term.Int(value, N);
  }

  static TypeRef type(String name) {
    return new TypeRef(name, N);
  }

  static Term.Entity entity(String type, String id) {
    return new Term.Entity(type(type), id, N);
  }

  static Call call(String name, Term... args) {
    return new Call(name, List.of(args), N);
  }

  static Name name(String text) {
    return new Name(text, N);
  }

  static ShTerm.Str shStr(String value) {
    return new ShTerm.Str(value, N);
  }

  static ShTerm.Ident shIdent(String name) {
    return new ShTerm.Ident(name, N);
  }

  @Test
  void parse_resourceBlockWithDeclarations_keepsKeysAndShapes() {
    Item item =
        only(
            "resource Repo extends Asset, Thing, {\n"
                + "  roles = [\"reader\", \"admin\",];\n"
                + "  permissions = [];\n"
                + "  relations = { parent: Org, owner: User, };\n"
                + "  actions = {};\n"
                + "}");

    assertThat(item)
        .isEqualTo(
            new Item.ResourceBlock(
                Item.BlockKind.RESOURCE,
                type("Repo"),
                List.of(type("Asset"), type("Thing")),
                List.of(
                    new BlockMember.Declaration(
                        name("roles"),
                        new DeclValue.StringList(List.of(name("reader"), name("admin")), N),
                        N),
                    new BlockMember.Declaration(
                        name("permissions"), new DeclValue.StringList(List.of(), N), N),
                    new BlockMember.Declaration(
                        name("relations"),
                        new DeclValue.RelationMap(
                            List.of(
                                new DeclValue.Entry(name("parent"), type("Org"), N),
                                new DeclValue.Entry(name("owner"), type("User"), N)),
                            N),
                        N),
                    new BlockMember.Declaration(
                        name("actions"), new DeclValue.RelationMap(List.of(), N), N)),
                N));
  }

  @Test
  void parse_wrongDeclarationShape_isLeftToTheChecker() {
    Item.ResourceBlock block =
        (Item.ResourceBlock) only("resource R { relations = [\"parent\"]; }");

    BlockMember.Declaration declaration = (BlockMember.Declaration) block.members().get(0);
    assertThat(declaration.key().text()).isEqualTo("relations");
    assertThat(declaration.value()).isInstanceOf(DeclValue.StringList.class);
  }

  @Test
  void parse_actorAndGlobalBlocks_areDistinguished() {
    List<Item> items = parse("actor User {}\nglobal { roles = [\"admin\"]; }");

    assertThat(items)
        .containsExactly(
            new Item.ResourceBlock(Item.BlockKind.ACTOR, type("User"), List.of(), List.of(), N),
            new Item.GlobalBlock(
                List.of(
                    new BlockMember.Declaration(
                        name("roles"), new DeclValue.StringList(List.of(name("admin")), N), N)),
                N));
  }

  @Test
  void parse_shorthandForms_coverOnGlobalCallsAndVariables() {
    Item.ResourceBlock block =
        (Item.ResourceBlock)
            only(
                "resource Doc {\n"
                    + "  \"read\" if \"reader\";\n"
                    + "  \"reader\" if \"member\" on \"org\";\n"
                    + "  \"admin\" if global \"root\";\n"
                    + "  \"read\" if is_public(resource) or \"owner\" on resource;\n"
                    + "  role if role on \"parent\";\n"
                    + "  permission if (\"a\" or \"b\") and flag(resource, false);\n"
                    + "}");

    List<BlockMember> members = block.members();
    assertThat(members)
        .containsExactly(
            new BlockMember.ShorthandRule(shStr("read"), shStr("reader"), N),
            new BlockMember.ShorthandRule(
                shStr("reader"), new ShExpr.On(shStr("member"), shStr("org"), N), N),
            new BlockMember.ShorthandRule(shStr("admin"), new ShExpr.Global(shStr("root"), N), N),
            new BlockMember.ShorthandRule(
                shStr("read"),
                new ShExpr.Or(
                    List.of(
                        call("is_public", var("resource")),
                        new ShExpr.On(shStr("owner"), shIdent("resource"), N)),
                    N),
                N),
            new BlockMember.ShorthandRule(
                shIdent("role"), new ShExpr.On(shIdent("role"), shStr("parent"), N), N),
            new BlockMember.ShorthandRule(
                shIdent("permission"),
                new ShExpr.And(
                    List.of(
                        new ShExpr.Or(List.of(shStr("a"), shStr("b")), N),
                        call("flag", var("resource"), new Term.Bool(false, N))),
                    N),
                N));
  }

  @Test
  void parse_ruleHead_keepsTypedParametersLiteralsAndAnonymous() {
    Item item = only("has_role(_: User, \"member\", org: Org, _, 3, true, Org{\"o\"}, x);");

    Head head =
        new Head(
            "has_role",
            List.of(
                new Term.Typed("_", type("User"), N),
                str("member"),
                new Term.Typed("org", type("Org"), N),
                new Term.Anon(N),
                integer(3),
                new Term.Bool(true, N),
                entity("Org", "o"),
                var("x")),
            N);
    assertThat(item).isEqualTo(new Item.Rule(List.of(), head, null, N));
  }

  @Test
  void parse_zeroParameterHeadAndFlags_areKept() {
    Item item = only("@internal @other ready?() if true;");

    assertThat(item)
        .isEqualTo(
            new Item.Rule(
                List.of(name("internal"), name("other")),
                new Head("ready?", List.of(), N),
                new Expr.BoolConst(true, N),
                N));
  }

  @Test
  void parse_comparisonsUnificationAndMembership_buildTheirNodes() {
    assertThat(body("x = User{\"a\"}")).isEqualTo(new Expr.Unify(var("x"), entity("User", "a"), N));
    assertThat(body("x != 1")).isEqualTo(new Expr.Compare(CompareOp.NE, var("x"), integer(1), N));
    assertThat(body("x < -1")).isEqualTo(new Expr.Compare(CompareOp.LT, var("x"), integer(-1), N));
    assertThat(body("x <= +2")).isEqualTo(new Expr.Compare(CompareOp.LE, var("x"), integer(2), N));
    assertThat(body("x > @current_unix_time"))
        .isEqualTo(new Expr.Compare(CompareOp.GT, var("x"), new Term.Now(N), N));
    assertThat(body("3 >= x")).isEqualTo(new Expr.Compare(CompareOp.GE, integer(3), var("x"), N));
    assertThat(body("x in [\"a\", 1, false,]"))
        .isEqualTo(
            new Expr.In(var("x"), List.of(str("a"), integer(1), new Term.Bool(false, N)), N));
    assertThat(body("x in []")).isEqualTo(new Expr.In(var("x"), List.of(), N));
    assertThat(body("true = x")).isEqualTo(new Expr.Unify(new Term.Bool(true, N), var("x"), N));
  }

  @Test
  void parse_matches_distinguishesExactForm() {
    assertThat(body("x matches User"))
        .isEqualTo(new Expr.Matches(var("x"), type("User"), false, N));
    assertThat(body("x matches! User"))
        .isEqualTo(new Expr.Matches(var("x"), type("User"), true, N));
  }

  @Test
  void parse_primitiveObjects_meanThePlainLiterals() {
    assertThat(body("x = String{\"a\"} and y = Integer{-3} and z = Boolean{false}"))
        .isEqualTo(body("x = \"a\" and y = -3 and z = false"));
  }

  @Test
  void parse_precedence_notBindsTighterThanAndTighterThanOr() {
    Expr a = call("a");
    Expr b = call("b");
    Expr c = call("c");

    assertThat(body("not a() and b()")).isEqualTo(new Expr.And(List.of(new Expr.Not(a, N), b), N));
    assertThat(body("a() or b() and c()"))
        .isEqualTo(new Expr.Or(List.of(a, new Expr.And(List.of(b, c), N)), N));
    assertThat(body("not not a()")).isEqualTo(new Expr.Not(new Expr.Not(a, N), N));
    assertThat(body("not (a() or b())")).isEqualTo(new Expr.Not(new Expr.Or(List.of(a, b), N), N));
  }

  @Test
  void parse_parentheses_keepGroupingOfSameOperator() {
    Expr a = call("a");
    Expr b = call("b");
    Expr c = call("c");

    assertThat(body("(a() and b()) and c()"))
        .isEqualTo(new Expr.And(List.of(new Expr.And(List.of(a, b), N), c), N));
    assertThat(body("a() and b() and c()")).isEqualTo(new Expr.And(List.of(a, b, c), N));
    assertThat(body("((a()))")).isEqualTo(a);
    assertThat(body("false")).isEqualTo(new Expr.BoolConst(false, N));
  }

  @Test
  void parse_topLevelStatements_declareTypeAndInlineQuery() {
    List<Item> items =
        parse("declare is_public(Repo, Boolean);\ntype f(x: User);\n?= f(User{\"a\"});");

    assertThat(items)
        .containsExactly(
            new Item.Declare(name("is_public"), List.of(type("Repo"), type("Boolean")), N),
            new Item.RuleType(new Head("f", List.of(new Term.Typed("x", type("User"), N)), N), N),
            new Item.InlineQuery(call("f", entity("User", "a")), N));
  }

  @Test
  void parse_testsAndFixtures_keepSetupAssertionsAndIff() {
    List<Item> items =
        parse(
            "test fixture people { member(User{\"a\"}, Org{\"o\"}); }\n"
                + "test \"t\" {\n"
                + "  setup { fixture people; flag(Org{\"o\"}, 1, true); }\n"
                + "  assert allow(User{\"a\"}, action: String, _) iff action in [\"read\"];\n"
                + "  assert_not allow(User{\"a\"}, \"write\", x);\n"
                + "}\n"
                + "test \"no setup\" { assert f(); }");

    Call member = call("member", entity("User", "a"), entity("Org", "o"));
    Call flag = call("flag", entity("Org", "o"), integer(1), new Term.Bool(true, N));
    Assertion first =
        new Assertion(
            false,
            call(
                "allow",
                entity("User", "a"),
                new Term.Typed("action", type("String"), N),
                new Term.Anon(N)),
            new Expr.In(var("action"), List.of(str("read")), N),
            N);
    Assertion second =
        new Assertion(true, call("allow", entity("User", "a"), str("write"), var("x")), null, N);
    Setup setup = new Setup(List.of(new SetupItem.FixtureRef(name("people"), N), flag), N);
    assertThat(items)
        .containsExactly(
            new Item.Fixture(name("people"), List.of(member), N),
            new Item.TestBlock(name("t"), setup, List.of(first, second), N),
            new Item.TestBlock(
                name("no setup"), null, List.of(new Assertion(false, call("f"), null, N)), N));
  }

  @Test
  void parse_contextualWords_areOrdinaryNamesElsewhere() {
    List<Item> items =
        parse(
            "resource(actor, resource, global, type, on, role) if test(declare);\n"
                + "type(x);\ntest(x);\nactor(x);");

    assertThat(items).hasSize(4);
    Item.Rule first = (Item.Rule) items.get(0);
    assertThat(first.head().name()).isEqualTo("resource");
    assertThat(first.head().params()).hasSize(6).allMatch(t -> t instanceof Term.Var);
    assertThat(items.subList(1, 4)).allMatch(i -> i instanceof Item.Rule);
  }

  @Test
  void parse_stringEscapesAndComments_areDecodedAndSkipped() {
    Item item =
        only(
            "# leading comment\n"
                + "f(\"a\\\"b\\\\c\\n\\t\\r\\0\\q # not a comment\") # trailing\n"
                + "  # between\n"
                + ";");

    Item.Rule rule = (Item.Rule) item;
    assertThat(rule.head().params()).containsExactly(str("a\"b\\c\n\t\r\0q # not a comment"));
  }

  @Test
  void parse_unicodeIdentifiers_areNames() {
    Item item = only("grüße(straße) if straße = \"ß\" and Über::Typ = x;");

    Item.Rule rule = (Item.Rule) item;
    assertThat(rule.head().name()).isEqualTo("grüße");
    assertThat(((Expr.And) rule.body()).operands().get(1))
        .isEqualTo(new Expr.Unify(var("Über::Typ"), var("x"), N));
  }

  @Test
  void parse_spans_pointAtFirstTokenOfEachNode() {
    PolicyFile file =
        parseFile(
            "actor User {}\n\n  allow(u: User, \"read\", r) if\n    not banned(u) and x = 1;");

    Item.Rule rule = (Item.Rule) file.items().get(1);
    assertThat(rule.span()).isEqualTo(new SourceSpan("p.polar", 3, 3));
    Term.Typed typed = (Term.Typed) rule.head().params().get(0);
    assertThat(typed.span()).isEqualTo(new SourceSpan("p.polar", 3, 9));
    assertThat(typed.type().span()).isEqualTo(new SourceSpan("p.polar", 3, 12));
    Expr.And and = (Expr.And) rule.body();
    assertThat(and.span()).isEqualTo(new SourceSpan("p.polar", 4, 5));
    Expr.Not not = (Expr.Not) and.operands().get(0);
    assertThat(not.operand().span()).isEqualTo(new SourceSpan("p.polar", 4, 9));
    assertThat(and.operands().get(1).span()).isEqualTo(new SourceSpan("p.polar", 4, 23));
  }

  @Test
  void parse_declarationEntries_haveTheirOwnSpans() {
    PolicyFile file = parseFile("resource R {\n  roles = [\"a\",\n    \"b\"];\n}");

    Item.ResourceBlock block = (Item.ResourceBlock) file.items().get(0);
    BlockMember.Declaration roles = (BlockMember.Declaration) block.members().get(0);
    List<Name> items = ((DeclValue.StringList) roles.value()).items();
    assertThat(items.get(1).span()).isEqualTo(new SourceSpan("p.polar", 3, 5));
    assertThat(roles.key().span()).isEqualTo(new SourceSpan("p.polar", 2, 3));
  }

  @Test
  void parse_emptyAndCommentOnlyText_giveNoItems() {
    assertThat(parse("")).isEmpty();
    assertThat(parse("  # nothing here\n\n")).isEmpty();
  }

  @Test
  void parse_extremeIntegers_fitIn64Bits() {
    assertThat(body("x = -9223372036854775808 and y = 9223372036854775807"))
        .isEqualTo(
            new Expr.And(
                List.of(
                    new Expr.Unify(var("x"), integer(Long.MIN_VALUE), N),
                    new Expr.Unify(var("y"), integer(Long.MAX_VALUE), N)),
                N));
  }

  @Test
  void parse_keywordAsName_isRejected() {
    assertThatThrownBy(() -> parse("f(if);")).isInstanceOf(PolicySyntaxException.class);
    assertThatThrownBy(() -> parse("and(x);")).isInstanceOf(PolicySyntaxException.class);
  }

  @Test
  void parseCall_factOrQuery_acceptsTheMatchingArguments() {
    Call fact =
        Parser.parseCall(new PolicySource("cli", "has_role(User{\"a\"}, \"admin\", 3);"), true);
    Call query =
        Parser.parseCall(new PolicySource("cli", "has_role(User{\"a\"}, role: String, _)"), false);

    assertThat(AstNodes.withoutSpans(fact))
        .isEqualTo(call("has_role", entity("User", "a"), str("admin"), integer(3)));
    assertThat(AstNodes.withoutSpans(query))
        .isEqualTo(
            call(
                "has_role",
                entity("User", "a"),
                new Term.Typed("role", type("String"), N),
                new Term.Anon(N)));
  }

  @Test
  void parseCall_variableInFactOrTrailingText_isRejected() {
    assertThatThrownBy(() -> Parser.parseCall(new PolicySource("cli", "f(x)"), true))
        .isInstanceOf(PolicySyntaxException.class)
        .hasMessage(
            "cli:1:3: a fact must be ground (literals and entity literals only), found"
                + " variable 'x'");
    assertThatThrownBy(() -> Parser.parseCall(new PolicySource("cli", "f(1) g"), false))
        .isInstanceOf(PolicySyntaxException.class)
        .hasMessage("cli:1:6: expected end of input, found 'g'");
  }

  @Test
  void parseCondition_body_returnsTheExpression() {
    Expr expr = Parser.parseCondition(new PolicySource("q", "x matches User and f(x);"));

    assertThat(AstNodes.withoutSpans(expr))
        .isEqualTo(
            new Expr.And(
                List.of(new Expr.Matches(var("x"), type("User"), false, N), call("f", var("x"))),
                N));
  }

  @Test
  void parse_byteOrderMark_isIgnored() {
    assertThat(parse("\uFEFFactor User {}")).hasSize(1);
  }
}
