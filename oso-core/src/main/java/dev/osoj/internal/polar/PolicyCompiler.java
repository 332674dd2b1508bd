package dev.osoj.internal.polar;

import dev.osoj.PolicyValidationException;
import dev.osoj.SourceSpan;
import dev.osoj.internal.polar.ast.Head;
import dev.osoj.internal.polar.ast.Item;
import dev.osoj.internal.polar.ast.PolicyFile;
import dev.osoj.internal.polar.ast.TypeRef;
import dev.osoj.internal.program.Block;
import dev.osoj.internal.program.FactSignatures;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.PolarTest;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import dev.osoj.internal.program.TypeHierarchy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns parsed policy files into a {@link Program}, running every check of polar.md §3 and the
 * rewriting of §4 (the loader pipeline of the spec's appendix, steps 2–8 without running tests).
 *
 * <p>Files are one policy: items may refer to types, rules and fixtures of any file, in any order.
 * All problems are collected; if any is an error, nothing is returned and a {@link
 * PolicyValidationException} carries them all (warnings included), sorted by file, line and column.
 *
 * <p>Rules appear in the program in source order, each block's generated rules at the block's
 * position; the default {@code allow(actor, action, resource) if has_permission(actor, action,
 * resource);} (§5.6) comes last and is added only when no {@code allow/3} rule exists.
 */
final class PolicyCompiler {
  static final String DEFAULT_ALLOW_ORIGIN = "default allow(actor, action, resource)";

  private final Typing typing;
  private final Negation negation;
  private final Diagnostics diagnostics;
  private final TypeScope scope;
  private final Terms terms;
  private final Declarations declarations;
  private final RuleCompiler ruleCompiler;
  private final TestCompiler testCompiler;
  private final List<Rule> rules = new ArrayList<>();
  private final Map<PredicateKey, List<RuleChecker.RuleType>> ruleTypes = new LinkedHashMap<>();
  private final Map<String, List<List<String>>> declares = new LinkedHashMap<>();
  private final List<Item.TestBlock> tests = new ArrayList<>();
  private final Map<Rule, StaticTypes> staticTypes = new IdentityHashMap<>();

  private PolicyCompiler(List<String> fileNames, Typing typing, Negation negation) {
    this.typing = typing;
    this.negation = negation;
    diagnostics = new Diagnostics(fileNames);
    scope = new TypeScope(diagnostics);
    terms = new Terms(diagnostics, scope);
    declarations = new Declarations(diagnostics, scope);
    ruleCompiler = new RuleCompiler(diagnostics, scope, terms, negation);
    // test conditions are compiled after the rules are checked, so they cannot add auxiliary
    // rules: a negated compound condition in an 'iff' stays an error in both modes
    testCompiler =
        new TestCompiler(diagnostics, terms, new RuleCompiler(diagnostics, scope, terms));
  }

  /**
   * Compiles parsed files into a program.
   *
   * @param files the files of one policy
   * @return the program
   * @throws PolicyValidationException with every problem, when any check fails
   */
  static Program compile(List<PolicyFile> files) {
    return compile(files, Typing.LENIENT);
  }

  /**
   * Compiles parsed files into a program with the given typing mode.
   *
   * @param files the files of one policy
   * @param typing whether body-only variables need static types
   * @return the program
   * @throws PolicyValidationException with every problem, when any check fails
   */
  static Program compile(List<PolicyFile> files, Typing typing) {
    return compile(files, typing, Negation.STRICT);
  }

  /**
   * Compiles parsed files into a program with the given typing and negation modes.
   *
   * @param files the files of one policy
   * @param typing whether body-only variables need static types
   * @param negation which negations are accepted
   * @return the program
   * @throws PolicyValidationException with every problem, when any check fails
   */
  static Program compile(List<PolicyFile> files, Typing typing, Negation negation) {
    List<String> names = new ArrayList<>();
    List<Item> items = new ArrayList<>();
    for (PolicyFile file : files) {
      names.add(file.file());
      items.addAll(file.items());
    }
    return new PolicyCompiler(names, typing, negation).run(items);
  }

  private Program run(List<Item> items) {
    declarations.register(items);
    declarations.resolve();
    BlockRewriter rewriter = new BlockRewriter(declarations, diagnostics, terms);
    for (Item item : items) {
      item(item, rewriter);
    }
    rules.addAll(ruleCompiler.auxiliaryRules());
    addDefaultAllow();
    TypeHierarchy types = hierarchy();
    check(types);
    FactSignatures signatures = signatures(types);
    List<PolarTest> compiledTests = testCompiler.compile(tests, signatures, types);
    if (diagnostics.hasErrors()) {
      throw new PolicyValidationException(diagnostics.sorted());
    }
    Block global = declarations.global() == null ? null : declarations.global().toBlock();
    return new Program(
        rules, types, blocks(), global, signatures, compiledTests, diagnostics.warnings());
  }

  private void item(Item item, BlockRewriter rewriter) {
    if (item instanceof Item.ResourceBlock) {
      rules.addAll(rewriter.rewrite((Item.ResourceBlock) item));
    } else if (item instanceof Item.GlobalBlock) {
      rules.addAll(rewriter.rewriteGlobal((Item.GlobalBlock) item));
    } else if (item instanceof Item.Rule) {
      rules.addAll(ruleCompiler.compile((Item.Rule) item));
    } else if (item instanceof Item.RuleType) {
      ruleType((Item.RuleType) item);
    } else if (item instanceof Item.Declare) {
      declare((Item.Declare) item);
    } else if (item instanceof Item.InlineQuery) {
      diagnostics.error(
          "UnsupportedSyntax",
          item.span(),
          "inline queries ('?=') are not supported; write a test block instead");
    } else if (item instanceof Item.Fixture) {
      testCompiler.addFixture((Item.Fixture) item);
    } else if (item instanceof Item.TestBlock) {
      tests.add((Item.TestBlock) item);
    } else {
      throw new AssertionError("unknown item " + item);
    }
  }

  private void ruleType(Item.RuleType type) {
    Head head = type.head();
    RuleCompiler.Names names = new RuleCompiler.Names(Set.of());
    List<Param> params = new ArrayList<>();
    for (dev.osoj.internal.polar.ast.Term p : head.params()) {
      Param param = ruleCompiler.param(p, names, TypeScope.Use.RULE_TYPE);
      if (param == null) {
        return;
      }
      params.add(param);
    }
    ruleTypes
        .computeIfAbsent(new PredicateKey(head.name(), head.arity()), k -> new ArrayList<>())
        .add(new RuleChecker.RuleType(params, "type " + AstText.head(head)));
  }

  private void declare(Item.Declare declare) {
    List<String> types = new ArrayList<>();
    boolean ok = true;
    for (TypeRef ref : declare.types()) {
      ok &= scope.resolve(ref, TypeScope.Use.DECLARE);
      types.add(ref.name());
    }
    if (ok) {
      declares.computeIfAbsent(declare.predicate().text(), k -> new ArrayList<>()).add(types);
    }
  }

  private void addDefaultAllow() {
    for (Rule rule : rules) {
      if (rule.predicate().equals("allow") && rule.arity() == 3) {
        return;
      }
    }
    Term.Var actor = new Term.Var("actor");
    Term.Var action = new Term.Var("action");
    Term.Var resource = new Term.Var("resource");
    List<Param> head =
        List.of(new Param(actor, null), new Param(action, null), new Param(resource, null));
    Literal body =
        new Literal.Call("has_permission", List.of(actor, action, resource), SourceSpan.NONE);
    rules.add(new Rule("allow", head, List.of(body), SourceSpan.NONE, DEFAULT_ALLOW_ORIGIN));
  }

  private TypeHierarchy hierarchy() {
    Map<String, List<String>> supertypes = new LinkedHashMap<>(declarations.supertypes());
    for (String plain : scope.plainTypes()) {
      supertypes.put(plain, List.of(TypeHierarchy.RESOURCE));
    }
    return new TypeHierarchy(supertypes);
  }

  private void check(TypeHierarchy types) {
    RuleChecker checker = new RuleChecker(diagnostics, types);
    for (Rule rule : rules) {
      StaticTypes st = staticTypes.computeIfAbsent(rule, StaticTypes::new);
      checker.checkTypes(rule, st);
      if (typing == Typing.STRICT && !rule.span().equals(SourceSpan.NONE)) {
        checker.checkStrictTyping(rule, st);
      }
    }
    if (negation == Negation.STRICT) {
      checker.checkNegations(rules);
    } else {
      Stratification.check(rules, diagnostics);
    }
    checker.checkRuleTypes(rules, ruleTypes);
    checker.warnMisspeltPredicates(rules, new HashSet<>(declares.keySet()));
  }

  private FactSignatures signatures(TypeHierarchy types) {
    SignatureBuilder builder = new SignatureBuilder(types);
    for (Rule rule : rules) {
      builder.addRule(rule, staticTypes.computeIfAbsent(rule, StaticTypes::new));
    }
    declares.forEach((predicate, list) -> list.forEach(sig -> builder.add(predicate, sig)));
    return builder.build();
  }

  private Map<String, Block> blocks() {
    Map<String, Block> blocks = declarations.toBlocks();
    for (String plain : scope.plainTypes()) {
      blocks.put(plain, new Block(plain, false, List.of(), List.of(), Map.of()));
    }
    return blocks;
  }
}
