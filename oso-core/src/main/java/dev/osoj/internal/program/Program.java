package dev.osoj.internal.program;

import static java.util.Objects.requireNonNull;

import dev.osoj.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A loaded policy: every rule after rewriting (the default {@code allow} included), the types, the
 * block declarations, the accepted fact signatures, the tests and the warnings. Immutable.
 */
public final class Program {
  private final List<Rule> rules;
  private final Map<PredicateKey, List<Rule>> rulesByPredicate;
  private final TypeHierarchy types;
  private final Map<String, Block> blocks;
  private final @Nullable Block global;
  private final FactSignatures signatures;
  private final List<PolarTest> tests;
  private final List<Diagnostic> warnings;

  /**
   * Creates a program.
   *
   * @param rules the rules
   * @param types the type hierarchy
   * @param blocks effective declarations per declared type (in source order)
   * @param global the global block, or null if the policy has none
   * @param signatures the accepted fact signatures
   * @param tests the test blocks
   * @param warnings diagnostics of severity warning
   */
  public Program(
      List<Rule> rules,
      TypeHierarchy types,
      Map<String, Block> blocks,
      @Nullable Block global,
      FactSignatures signatures,
      List<PolarTest> tests,
      List<Diagnostic> warnings) {
    this.rules = List.copyOf(rules);
    Map<PredicateKey, List<Rule>> index = new LinkedHashMap<>();
    for (Rule rule : this.rules) {
      index
          .computeIfAbsent(new PredicateKey(rule.predicate(), rule.arity()), k -> new ArrayList<>())
          .add(rule);
    }
    index.replaceAll((k, v) -> List.copyOf(v));
    this.rulesByPredicate = Collections.unmodifiableMap(index);
    this.types = requireNonNull(types, "types");
    this.blocks = Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
    this.global = global;
    this.signatures = requireNonNull(signatures, "signatures");
    this.tests = List.copyOf(tests);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Returns every rule.
   *
   * @return the rules, in source order (generated ones after their block)
   */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Returns the rules defining one predicate.
   *
   * @param key name and arity
   * @return the rules, empty if the predicate is only a fact lookup
   */
  public List<Rule> rules(PredicateKey key) {
    return rulesByPredicate.getOrDefault(key, List.of());
  }

  /**
   * Returns the rules grouped by predicate.
   *
   * @return predicate to rules
   */
  public Map<PredicateKey, List<Rule>> rulesByPredicate() {
    return rulesByPredicate;
  }

  /**
   * Returns the type hierarchy.
   *
   * @return the types
   */
  public TypeHierarchy types() {
    return types;
  }

  /**
   * Returns the effective declarations of each declared type, in source order.
   *
   * @return type name to block
   */
  public Map<String, Block> blocks() {
    return blocks;
  }

  /**
   * Returns the global block.
   *
   * @return the block, or null when the policy has no global block
   */
  public @Nullable Block global() {
    return global;
  }

  /**
   * Returns the accepted fact signatures.
   *
   * @return the signatures
   */
  public FactSignatures signatures() {
    return signatures;
  }

  /**
   * Returns the test blocks.
   *
   * @return the tests, in source order
   */
  public List<PolarTest> tests() {
    return tests;
  }

  /**
   * Returns the warnings found while loading.
   *
   * @return the warnings
   */
  public List<Diagnostic> warnings() {
    return warnings;
  }
}
