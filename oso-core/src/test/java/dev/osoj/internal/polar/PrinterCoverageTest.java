package dev.osoj.internal.polar;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks every sealed interface of the AST through {@link Class#getPermittedSubclasses()} and
 * requires a sample of each concrete node, placed in a policy that is printed and re-parsed. A node
 * type added to the AST without a sample here (and so, likely, without printer support) fails.
 */
class PrinterCoverageTest {
  private static final SourceSpan N = SourceSpan.NONE;
  private static final List<Class<?>> ROOTS =
      List.of(
          Item.class,
          BlockMember.class,
          DeclValue.class,
          ShExpr.class,
          Expr.class,
          Term.class,
          SetupItem.class);

  private static Term.Var var(String name) {
    return new Term.Var(name, N);
  }

  private static TypeRef type(String name) {
    return new TypeRef(name, N);
  }

  /** One sample per concrete node class, each as a whole item so it can be printed. */
  private static Map<Class<?>, Item> samples() {
    Map<Class<?>, Item> samples = new LinkedHashMap<>();
    Call call = new Call("f", List.of(var("x")), N);
    Head head = new Head("h", List.of(new Term.Typed("x", type("User"), N)), N);
    expr(samples, call, head);
    term(samples, head);
    blocks(samples, call);
    samples.put(
        Item.Rule.class,
        new Item.Rule(List.of(new Name("flag", N)), head, new Expr.Not(call, N), N));
    samples.put(Item.RuleType.class, new Item.RuleType(head, N));
    samples.put(Item.Declare.class, new Item.Declare(new Name("d", N), List.of(type("User")), N));
    samples.put(Item.InlineQuery.class, new Item.InlineQuery(call, N));
    Call fact = new Call("g", List.of(new Term.Entity(type("User"), "a", N)), N);
    samples.put(Item.Fixture.class, new Item.Fixture(new Name("fx", N), List.of(fact), N));
    SetupItem.FixtureRef ref = new SetupItem.FixtureRef(new Name("fx", N), N);
    Assertion assertion = new Assertion(false, fact, call, N);
    Item.TestBlock test =
        new Item.TestBlock(
            new Name("t", N), new Setup(List.of(ref, fact), N), List.of(assertion), N);
    samples.put(Item.TestBlock.class, test);
    samples.put(SetupItem.FixtureRef.class, test);
    return samples;
  }

  private static void expr(Map<Class<?>, Item> samples, Call call, Head head) {
    List<Expr> exprs =
        List.of(
            new Expr.And(List.of(call, call), N),
            new Expr.Or(List.of(call, call), N),
            new Expr.Not(call, N),
            new Expr.Unify(var("x"), var("y"), N),
            new Expr.Compare(CompareOp.GE, var("x"), new Term.Int(1, N), N),
            new Expr.In(var("x"), List.of(new Term.Str("a", N)), N),
            new Expr.Matches(var("x"), type("User"), true, N),
            new Expr.BoolConst(true, N),
            call);
    for (Expr e : exprs) {
      samples.put(e.getClass(), new Item.Rule(List.of(), head, e, N));
    }
  }

  private static void term(Map<Class<?>, Item> samples, Head head) {
    List<Term> terms =
        List.of(
            var("x"),
            new Term.Anon(N),
            new Term.Str("s\n", N),
            new Term.Int(-4, N),
            new Term.Bool(false, N),
            new Term.Entity(type("Org"), "o", N),
            new Term.Now(N),
            new Term.Typed("y", type("Integer"), N));
    for (Term t : terms) {
      samples.put(t.getClass(), new Item.Rule(List.of(), new Head("p", List.of(t), N), null, N));
    }
  }

  private static void blocks(Map<Class<?>, Item> samples, Call call) {
    ShTerm.Str str = new ShTerm.Str("a", N);
    ShTerm.Ident ident = new ShTerm.Ident("role", N);
    List<ShExpr> shExprs =
        List.of(
            str,
            ident,
            new ShExpr.On(str, new ShTerm.Str("parent", N), N),
            new ShExpr.Global(str, N),
            new ShExpr.And(List.of(str, call), N),
            new ShExpr.Or(List.of(str, ident), N),
            call);
    List<BlockMember> members = new ArrayList<>();
    members.add(
        new BlockMember.Declaration(
            new Name("roles", N), new DeclValue.StringList(List.of(new Name("a", N)), N), N));
    members.add(
        new BlockMember.Declaration(
            new Name("relations", N),
            new DeclValue.RelationMap(
                List.of(new DeclValue.Entry(new Name("parent", N), type("Org"), N)), N),
            N));
    for (ShExpr e : shExprs) {
      BlockMember.ShorthandRule rule = new BlockMember.ShorthandRule(str, e, N);
      members.add(rule);
      samples.putIfAbsent(e.getClass(), new Item.GlobalBlock(List.of(rule), N));
    }
    Item.ResourceBlock block =
        new Item.ResourceBlock(Item.BlockKind.RESOURCE, type("Org"), List.of(), members, N);
    samples.put(Item.ResourceBlock.class, block);
    samples.put(BlockMember.Declaration.class, block);
    samples.put(BlockMember.ShorthandRule.class, block);
    samples.put(DeclValue.StringList.class, block);
    samples.put(DeclValue.RelationMap.class, block);
    samples.put(Item.GlobalBlock.class, new Item.GlobalBlock(members.subList(0, 1), N));
  }

  private static Set<Class<?>> concreteNodes() {
    Set<Class<?>> found = new LinkedHashSet<>();
    List<Class<?>> pending = new ArrayList<>(ROOTS);
    while (!pending.isEmpty()) {
      Class<?> type = pending.remove(pending.size() - 1);
      if (type.isSealed()) {
        pending.addAll(List.of(type.getPermittedSubclasses()));
      } else {
        found.add(type);
      }
    }
    return found;
  }

  @Test
  void sealedHierarchies_everyConcreteNode_hasAPrintableSample() {
    Set<Class<?>> nodes = concreteNodes();
    Map<Class<?>, Item> samples = samples();

    assertThat(nodes).allMatch(Class::isRecord, "every AST node is a record");
    assertThat(samples.keySet()).containsAll(nodes);
    assertThat(nodes).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void print_sampleOfEveryNode_parsesBackToTheSameTree() {
    for (Map.Entry<Class<?>, Item> sample : samples().entrySet()) {
      PolicyFile file = new PolicyFile("p.polar", List.of(sample.getValue()));

      String printed = PolarPrinter.print(file);
      PolicyFile reparsed = Parser.parse(new PolicySource("p.polar", printed));

      assertThat(AstNodes.withoutSpans(reparsed))
          .as("%s printed as %s", sample.getKey().getSimpleName(), printed)
          .isEqualTo(file);
    }
  }
}
