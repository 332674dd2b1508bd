package dev.osoj.internal.polar;

import dev.osoj.SourceSpan;
import dev.osoj.internal.polar.ast.Assertion;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of syntax trees (with {@link SourceSpan#NONE} spans) restricted to what the parser can
 * produce, for print-then-parse properties.
 */
final class PolarArbitraries {
  private static final SourceSpan N = SourceSpan.NONE;

  private PolarArbitraries() {}

  static Arbitrary<String> variableName() {
    return Arbitraries.of(
        "x", "user", "_u", "resource", "actor", "role", "on", "type", "test", "α", "x1", "ok?");
  }

  static Arbitrary<String> predicateName() {
    return Arbitraries.of(
        "f", "has_role", "allow", "ready?", "test", "type", "actor", "declare", "résumé", "p::q");
  }

  static Arbitrary<TypeRef> entityType() {
    return Arbitraries.of("User", "Org", "Repo", "Ünit", "Actor", "Resource")
        .map(n -> new TypeRef(n, N));
  }

  static Arbitrary<TypeRef> anyType() {
    return Arbitraries.oneOf(
        entityType(), Arbitraries.of("String", "Integer", "Boolean").map(n -> new TypeRef(n, N)));
  }

  static Arbitrary<String> stringValue() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(6),
        Arbitraries.strings().withChars("\"\\\n\r\t\0#ab é").ofMaxLength(6));
  }

  static Arbitrary<Name> identName() {
    return variableName().map(n -> new Name(n, N));
  }

  // ---------------------------------------------------------------- terms

  static Arbitrary<Term> ground() {
    return Arbitraries.oneOf(
        stringValue().map(s -> new Term.Str(s, N)),
        Arbitraries.longs().map(v -> new Term.Int(v, N)),
        Arbitraries.of(true, false).map(b -> new Term.Bool(b, N)),
        Combinators.combine(entityType(), stringValue()).as((t, id) -> new Term.Entity(t, id, N)));
  }

  static Arbitrary<Term> bodyTerm() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, ground()),
        Tuple.of(3, variableName().map(n -> new Term.Var(n, N))),
        Tuple.of(1, Arbitraries.just(new Term.Anon(N))),
        Tuple.of(1, Arbitraries.just(new Term.Now(N))));
  }

  static Arbitrary<Term> typed() {
    return Combinators.combine(Arbitraries.oneOf(variableName(), Arbitraries.just("_")), anyType())
        .as((n, t) -> new Term.Typed(n, t, N));
  }

  static Arbitrary<Term> headTerm() {
    return Arbitraries.oneOf(bodyTerm(), typed());
  }

  static Arbitrary<Term> assertTerm() {
    return Arbitraries.oneOf(
        ground(),
        typed(),
        variableName().map(n -> new Term.Var(n, N)),
        Arbitraries.just(new Term.Anon(N)));
  }

  static Arbitrary<Call> call(Arbitrary<Term> terms) {
    return Combinators.combine(predicateName(), terms.list().ofMaxSize(3))
        .as((n, args) -> new Call(n, args, N));
  }

  // ---------------------------------------------------------------- expressions

  static Arbitrary<Expr> expr(int depth) {
    Arbitrary<Expr> atom =
        Arbitraries.oneOf(
            call(bodyTerm()).map(c -> c),
            Combinators.combine(bodyTerm(), bodyTerm()).as((l, r) -> new Expr.Unify(l, r, N)),
            Combinators.combine(Arbitraries.of(CompareOp.class), bodyTerm(), bodyTerm())
                .as((op, l, r) -> new Expr.Compare(op, l, r, N)),
            Combinators.combine(bodyTerm(), bodyTerm().list().ofMaxSize(3))
                .as((e, l) -> new Expr.In(e, l, N)),
            Combinators.combine(variableName(), anyType(), Arbitraries.of(true, false))
                .as((v, t, x) -> new Expr.Matches(new Term.Var(v, N), t, x, N)),
            Arbitraries.of(true, false).map(b -> new Expr.BoolConst(b, N)));
    if (depth == 0) {
      return atom;
    }
    Arbitrary<Expr> inner = Arbitraries.lazy(() -> expr(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(4, atom),
        Tuple.of(1, inner.map(e -> new Expr.Not(e, N))),
        Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(3).map(l -> new Expr.And(l, N))),
        Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(3).map(l -> new Expr.Or(l, N))));
  }

  static Arbitrary<ShTerm> shTerm() {
    return Arbitraries.oneOf(
        stringValue().map(s -> new ShTerm.Str(s, N)),
        Arbitraries.of("role", "permission", "resource", "actor", "on", "x")
            .map(n -> new ShTerm.Ident(n, N)));
  }

  static Arbitrary<ShExpr> shExpr(int depth) {
    Arbitrary<ShExpr> atom =
        Arbitraries.oneOf(
            shTerm().map(t -> t),
            Combinators.combine(shTerm(), shTerm()).as((s, r) -> new ShExpr.On(s, r, N)),
            shTerm().map(t -> new ShExpr.Global(t, N)),
            call(bodyTerm()).map(c -> c));
    if (depth == 0) {
      return atom;
    }
    Arbitrary<ShExpr> inner = Arbitraries.lazy(() -> shExpr(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(4, atom),
        Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(3).map(l -> new ShExpr.And(l, N))),
        Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(3).map(l -> new ShExpr.Or(l, N))));
  }

  // ---------------------------------------------------------------- items

  static Arbitrary<BlockMember> member() {
    Arbitrary<DeclValue> value =
        Arbitraries.oneOf(
            stringValue()
                .map(s -> new Name(s, N))
                .list()
                .ofMaxSize(3)
                .map(l -> new DeclValue.StringList(l, N)),
            Combinators.combine(identName(), anyType())
                .as((n, t) -> new DeclValue.Entry(n, t, N))
                .list()
                .ofMaxSize(3)
                .map(l -> new DeclValue.RelationMap(l, N)));
    Arbitrary<BlockMember> declaration =
        Combinators.combine(
                Arbitraries.of("roles", "permissions", "relations", "actions")
                    .map(k -> new Name(k, N)),
                value)
            .as((k, v) -> new BlockMember.Declaration(k, v, N));
    Arbitrary<BlockMember> shorthand =
        Combinators.combine(shTerm(), shExpr(2))
            .as((h, b) -> new BlockMember.ShorthandRule(h, b, N));
    return Arbitraries.oneOf(declaration, shorthand);
  }

  static Arbitrary<Head> head() {
    return Combinators.combine(predicateName(), headTerm().list().ofMaxSize(3))
        .as((n, p) -> new Head(n, p, N));
  }

  static Arbitrary<Item> item() {
    return Arbitraries.oneOf(
        Combinators.combine(
                Arbitraries.of(Item.BlockKind.class),
                entityType(),
                entityType().list().ofMaxSize(2),
                member().list().ofMaxSize(4))
            .as((k, t, s, m) -> new Item.ResourceBlock(k, t, s, m, N)),
        member().list().ofMaxSize(3).map(m -> new Item.GlobalBlock(m, N)),
        Combinators.combine(
                Arbitraries.of("internal", "x").map(f -> new Name(f, N)).list().ofMaxSize(1),
                head(),
                expr(3).injectNull(0.3))
            .as((f, h, b) -> new Item.Rule(f, h, b, N)),
        head().map(h -> new Item.RuleType(h, N)),
        Combinators.combine(predicateName().map(p -> new Name(p, N)), anyType().list().ofMaxSize(3))
            .as((p, t) -> new Item.Declare(p, t, N)),
        expr(2).map(e -> new Item.InlineQuery(e, N)),
        Combinators.combine(identName(), call(ground()).list().ofMaxSize(3))
            .as((n, f) -> new Item.Fixture(n, f, N)),
        testBlock());
  }

  static Arbitrary<Item> testBlock() {
    Arbitrary<SetupItem> setupItem =
        Arbitraries.oneOf(
            call(ground()).map(c -> c), identName().map(n -> new SetupItem.FixtureRef(n, N)));
    Arbitrary<Setup> setup = setupItem.list().ofMaxSize(3).map(l -> new Setup(l, N));
    Arbitrary<Assertion> assertion =
        Combinators.combine(
                Arbitraries.of(true, false), call(assertTerm()), expr(1).injectNull(0.5))
            .as((n, c, iff) -> new Assertion(n, c, iff, N));
    return Combinators.combine(
            stringValue().map(s -> new Name(s, N)),
            setup.injectNull(0.4),
            assertion.list().ofMinSize(1).ofMaxSize(3))
        .as((n, s, a) -> new Item.TestBlock(n, s, a, N));
  }

  static Arbitrary<PolicyFile> policyFile() {
    return item().list().ofMaxSize(4).map(items -> new PolicyFile("p.polar", items));
  }

  static List<String> mutationFragments() {
    return List.of(
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        ";",
        ",",
        "\"",
        "'",
        "if",
        "and",
        "or",
        "not",
        "in",
        "==",
        ".",
        "1.5",
        "@",
        "@x",
        "#",
        "\n",
        "::",
        "?=",
        "-",
        "99999999999999999999",
        "matches!",
        "resource",
        "test",
        "setup",
        "assert",
        "iff",
        "cut",
        ":=",
        "\\",
        "_",
        ": ",
        "é",
        "\t");
  }
}
