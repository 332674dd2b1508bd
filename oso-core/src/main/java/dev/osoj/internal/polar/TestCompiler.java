package dev.osoj.internal.polar;

import dev.osoj.Fact;
import dev.osoj.InvalidFactException;
import dev.osoj.SourceSpan;
import dev.osoj.Value;
import dev.osoj.internal.polar.ast.Assertion;
import dev.osoj.internal.polar.ast.Call;
import dev.osoj.internal.polar.ast.Item;
import dev.osoj.internal.polar.ast.SetupItem;
import dev.osoj.internal.program.FactSignatures;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.PolarTest;
import dev.osoj.internal.program.TypeHierarchy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compiles {@code test fixture} and {@code test} blocks (polar.md §3.7, §7).
 *
 * <ul>
 *   <li>Fixture names are unique ({@code DuplicateFixture}); {@code fixture x;} must name one
 *       ({@code UnknownFixture}, with a did-you-mean hint). A fixture used twice in one setup adds
 *       its facts once.
 *   <li>Fixture and setup facts must pass the fact-signature check of §6 ({@code InvalidFact},
 *       [choice]); a fixture's facts are checked once, where it is declared.
 *   <li>Assertion arguments become {@link Param}s (constants, typed variables, variables, fresh
 *       {@code _n} for {@code _}); an {@code iff} condition is compiled to DNF like a rule body and
 *       may mention only the assertion's variables ({@code UnsafeVariable}, [choice]).
 *   <li>Warnings: duplicate test names ({@code DuplicateTest}), {@code assert_not … iff} ({@code
 *       AssertNotIff}), an assertion on a predicate the policy never mentions ({@code
 *       UnknownPredicate}, with a did-you-mean hint).
 * </ul>
 */
final class TestCompiler {
  private final Diagnostics diagnostics;
  private final Terms terms;
  private final RuleCompiler rules;
  private final Map<String, Item.Fixture> fixtures = new LinkedHashMap<>();
  private final Map<String, List<Fact>> fixtureFacts = new LinkedHashMap<>();

  TestCompiler(Diagnostics diagnostics, Terms terms, RuleCompiler rules) {
    this.diagnostics = diagnostics;
    this.terms = terms;
    this.rules = rules;
  }

  /** Registers a fixture; its facts are converted and checked in {@link #compile}. */
  void addFixture(Item.Fixture fixture) {
    Item.Fixture existing = fixtures.putIfAbsent(fixture.name().text(), fixture);
    if (existing != null) {
      diagnostics.error(
          "DuplicateFixture",
          fixture.name().span(),
          "fixture '"
              + fixture.name().text()
              + "' is already declared at "
              + existing.name().span());
    }
  }

  /** Compiles the tests once signatures and types are known. */
  List<PolarTest> compile(
      List<Item.TestBlock> tests, FactSignatures signatures, TypeHierarchy types) {
    fixtures.forEach(
        (name, fixture) -> fixtureFacts.put(name, facts(fixture.facts(), signatures, types)));
    Map<String, SourceSpan> names = new LinkedHashMap<>();
    List<PolarTest> out = new ArrayList<>();
    for (Item.TestBlock test : tests) {
      SourceSpan earlier = names.putIfAbsent(test.name().text(), test.name().span());
      if (earlier != null) {
        diagnostics.warning(
            "DuplicateTest",
            test.name().span(),
            "test name '" + test.name().text() + "' is already used at " + earlier);
      }
      out.add(test(test, signatures, types));
    }
    return out;
  }

  private PolarTest test(Item.TestBlock test, FactSignatures signatures, TypeHierarchy types) {
    Set<Fact> facts = new LinkedHashSet<>();
    if (test.setup() != null) {
      for (SetupItem item : test.setup().items()) {
        if (item instanceof SetupItem.FixtureRef) {
          facts.addAll(fixture((SetupItem.FixtureRef) item));
        } else {
          facts.addAll(facts(List.of((Call) item), signatures, types));
        }
      }
    }
    List<PolarTest.Assertion> assertions = new ArrayList<>();
    for (Assertion a : test.assertions()) {
      warnUnknownPredicate(a.call(), signatures);
      PolarTest.Assertion compiled = assertion(a);
      if (compiled != null) {
        assertions.add(compiled);
      }
    }
    return new PolarTest(test.name().text(), new ArrayList<>(facts), assertions, test.span());
  }

  private void warnUnknownPredicate(Call call, FactSignatures signatures) {
    if (signatures.byPredicate().containsKey(call.name())) {
      return;
    }
    diagnostics.warning(
        "UnknownPredicate",
        call.span(),
        "'"
            + call.name()
            + "/"
            + call.arity()
            + "' is used by no rule, call or declaration of the policy, so the assertion cannot"
            + " hold"
            + Hints.suffix(call.name(), signatures.byPredicate().keySet()));
  }

  private List<Fact> fixture(SetupItem.FixtureRef ref) {
    List<Fact> facts = fixtureFacts.get(ref.name().text());
    if (facts == null) {
      diagnostics.error(
          "UnknownFixture",
          ref.name().span(),
          "unknown fixture '"
              + ref.name().text()
              + "'"
              + Hints.suffix(ref.name().text(), fixtures.keySet()));
      return List.of();
    }
    return facts;
  }

  private List<Fact> facts(List<Call> calls, FactSignatures signatures, TypeHierarchy types) {
    List<Fact> out = new ArrayList<>();
    for (Call call : calls) {
      Fact fact = fact(call);
      if (fact == null) {
        continue;
      }
      try {
        signatures.check(fact, types);
        out.add(fact);
      } catch (InvalidFactException e) {
        String hint =
            signatures.byPredicate().containsKey(fact.predicate())
                ? ""
                : Hints.suffix(fact.predicate(), signatures.byPredicate().keySet());
        diagnostics.error("InvalidFact", call.span(), e.getMessage() + hint);
      }
    }
    return out;
  }

  private @Nullable Fact fact(Call call) {
    List<Value> args = new ArrayList<>();
    for (dev.osoj.internal.polar.ast.Term arg : call.args()) {
      if (!Terms.isConstant(arg)) {
        diagnostics.error(
            "InvalidFact",
            arg.span(),
            "test facts must be ground; found '" + AstText.term(arg) + "'");
        return null;
      }
      Value v = terms.constant(arg);
      if (v == null) {
        return null;
      }
      args.add(v);
    }
    return new Fact(call.name(), args);
  }

  private PolarTest.@Nullable Assertion assertion(Assertion a) {
    Map<String, List<SourceSpan>> occurrences = new LinkedHashMap<>();
    VariableWalk.call(a.call(), occurrences);
    Set<String> own = new HashSet<>(occurrences.keySet());
    if (a.iff() != null) {
      VariableWalk.expr(a.iff(), occurrences);
    }
    RuleCompiler.Names names = new RuleCompiler.Names(occurrences.keySet());
    List<Param> args = new ArrayList<>();
    for (dev.osoj.internal.polar.ast.Term arg : a.call().args()) {
      Param p = rules.param(arg, names, TypeScope.Use.PARAM);
      if (p == null) {
        return null;
      }
      args.add(p);
    }
    List<List<Literal>> iff = null;
    if (a.iff() != null) {
      iff = rules.body(a.iff(), names);
      checkIffVariables(a, occurrences, own);
      if (a.negated()) {
        diagnostics.warning(
            "AssertNotIff",
            a.span(),
            "'assert_not … iff' is confusing: it passes exactly when the same 'assert … iff'"
                + " fails");
      }
    }
    return new PolarTest.Assertion(a.negated(), a.call().name(), args, iff, text(a), a.span());
  }

  private void checkIffVariables(
      Assertion a, Map<String, List<SourceSpan>> occurrences, Set<String> own) {
    occurrences.forEach(
        (name, spans) -> {
          if (!own.contains(name)) {
            diagnostics.error(
                "UnsafeVariable",
                spans.get(0),
                "variable '"
                    + name
                    + "' in 'iff' does not occur in the assertion '"
                    + AstText.call(a.call())
                    + "'");
          }
        });
  }

  private static String text(Assertion a) {
    String call = (a.negated() ? "assert_not " : "assert ") + AstText.call(a.call());
    return a.iff() == null ? call : call + " iff " + AstText.expr(a.iff());
  }
}
