package dev.osoj.internal.polar;

import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.program.Rule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The stratification check of extended negation ({@link Negation#EXTENDED}): a negated call must
 * not lead back, through the rules, to the predicate whose rule negates it. Otherwise the rule
 * would depend on its own negation and have no well-defined answer; {@code InvalidNegation} names
 * the cycle at the {@code not}.
 */
final class Stratification {
  private final Map<PredicateKey, Set<PredicateKey>> calls = new HashMap<>();

  private Stratification(List<Rule> rules) {
    for (Rule rule : rules) {
      Set<PredicateKey> callees =
          calls.computeIfAbsent(
              new PredicateKey(rule.predicate(), rule.arity()), k -> new LinkedHashSet<>());
      for (Literal l : rule.body()) {
        Literal.Call call = callOf(l);
        if (call != null) {
          callees.add(new PredicateKey(call.predicate(), call.arity()));
        }
      }
    }
  }

  /**
   * Reports every negation through recursion.
   *
   * @param rules every rule of the program
   * @param diagnostics where errors go
   */
  static void check(List<Rule> rules, Diagnostics diagnostics) {
    Stratification graph = new Stratification(rules);
    for (Rule rule : rules) {
      PredicateKey head = new PredicateKey(rule.predicate(), rule.arity());
      for (Literal l : rule.body()) {
        if (!(l instanceof Literal.Not)) {
          continue;
        }
        Literal.Call negated = ((Literal.Not) l).call();
        PredicateKey target = new PredicateKey(negated.predicate(), negated.arity());
        List<PredicateKey> path = graph.path(target, head);
        if (path != null) {
          diagnostics.error(
              "InvalidNegation",
              l.span(),
              "'"
                  + shown(head)
                  + "' depends on its own negation ("
                  + shown(head)
                  + " -> not "
                  + String.join(" -> ", path.stream().map(Stratification::shown).toList())
                  + "); negation must be stratified");
        }
      }
    }
  }

  /** The shortest call path from {@code from} to {@code to}, both included, or null. */
  private @Nullable List<PredicateKey> path(PredicateKey from, PredicateKey to) {
    Map<PredicateKey, PredicateKey> parent = new LinkedHashMap<>();
    ArrayDeque<PredicateKey> queue = new ArrayDeque<>();
    parent.put(from, from);
    queue.add(from);
    while (!queue.isEmpty()) {
      PredicateKey at = queue.poll();
      if (at.equals(to)) {
        List<PredicateKey> path = new ArrayList<>();
        for (PredicateKey k = at; ; k = parent.get(k)) {
          path.add(0, k);
          if (k.equals(from)) {
            return path;
          }
        }
      }
      for (PredicateKey next : calls.getOrDefault(at, Set.of())) {
        if (parent.putIfAbsent(next, at) == null) {
          queue.add(next);
        }
      }
    }
    return null;
  }

  private static Literal.@Nullable Call callOf(Literal l) {
    if (l instanceof Literal.Call) {
      return (Literal.Call) l;
    }
    return l instanceof Literal.Not ? ((Literal.Not) l).call() : null;
  }

  private static String shown(PredicateKey key) {
    return key.name() + "/" + key.arity();
  }
}
