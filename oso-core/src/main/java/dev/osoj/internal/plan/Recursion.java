package dev.osoj.internal.plan;

import dev.osoj.EvaluationException;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The recursive predicates of a program (strongly connected components of the call graph) and, per
 * recursive predicate, the argument positions every recursive call passes through unchanged.
 */
final class Recursion {
  private final Map<PredicateKey, Set<PredicateKey>> edges = new HashMap<>();
  private final Map<PredicateKey, Integer> component = new HashMap<>();
  private final Map<Integer, Set<PredicateKey>> members = new HashMap<>();
  private final Set<PredicateKey> recursive = new HashSet<>();

  private Recursion() {}

  private static final Map<Program, Recursion> cache =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** Returns the analysis of a program, computed once per program (programs are immutable). */
  static Recursion of(Program program) {
    Recursion cached = cache.get(program);
    if (cached != null) {
      return cached;
    }
    Recursion r = new Recursion();
    r.buildEdges(program);
    r.tarjan();
    cache.put(program, r);
    return r;
  }

  boolean isRecursive(PredicateKey key) {
    return recursive.contains(key);
  }

  /** Fails when the predicate is part of a cycle through other predicates. */
  void checkNotMutual(PredicateKey key, Set<PredicateKey> building, @Nullable Rule rule) {
    Set<PredicateKey> scc = members.get(component.get(key));
    if (scc != null && scc.size() > 1) {
      throw new EvaluationException(
          "cannot plan SQL for '"
              + key
              + "'"
              + (rule == null ? "" : " called in rule " + describe(rule))
              + ": it is mutually recursive with "
              + scc
              + "; SQL plans support recursion of a predicate through itself only");
    }
  }

  static String describe(Rule rule) {
    return "'" + rule.origin() + "' at " + rule.span();
  }

  /** Whether every recursive call of the predicate passes head argument {@code i} unchanged. */
  static boolean isInvariant(Program program, PredicateKey key, int i) {
    for (Rule r : program.rules(key)) {
      Term head = r.head().get(i).term();
      for (Literal l : r.body()) {
        if (l instanceof Literal.Call) {
          Literal.Call c = (Literal.Call) l;
          if (c.predicate().equals(key.name()) && c.arity() == key.arity()) {
            if (!(head instanceof Term.Var) || !head.equals(c.args().get(i))) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  private void buildEdges(Program program) {
    for (Map.Entry<PredicateKey, List<Rule>> e : program.rulesByPredicate().entrySet()) {
      Set<PredicateKey> out = edges.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>());
      for (Rule r : e.getValue()) {
        for (Literal l : r.body()) {
          Literal.Call c =
              l instanceof Literal.Call
                  ? (Literal.Call) l
                  : l instanceof Literal.Not ? ((Literal.Not) l).call() : null;
          if (c != null) {
            out.add(new PredicateKey(c.predicate(), c.arity()));
          }
        }
      }
    }
  }

  // Tarjan's algorithm (recursive: call graphs of policies are shallow).
  private int index;
  private final Map<PredicateKey, Integer> indexOf = new HashMap<>();
  private final Map<PredicateKey, Integer> low = new HashMap<>();
  private final Deque<PredicateKey> stack = new ArrayDeque<>();
  private final Set<PredicateKey> onStack = new HashSet<>();

  private void tarjan() {
    for (PredicateKey k : edges.keySet()) {
      if (!indexOf.containsKey(k)) {
        strong(k);
      }
    }
  }

  private void strong(PredicateKey v) {
    indexOf.put(v, index);
    low.put(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (PredicateKey w : edges.getOrDefault(v, Set.of())) {
      if (!indexOf.containsKey(w)) {
        strong(w);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), indexOf.get(w)));
      }
    }
    if (low.get(v).equals(indexOf.get(v))) {
      int id = members.size();
      Set<PredicateKey> scc = new LinkedHashSet<>();
      PredicateKey w;
      do {
        w = stack.pop();
        onStack.remove(w);
        scc.add(w);
        component.put(w, id);
      } while (!w.equals(v));
      members.put(id, scc);
      for (PredicateKey m : scc) {
        if (scc.size() > 1 || edges.getOrDefault(m, Set.of()).contains(m)) {
          recursive.add(m);
        }
      }
    }
  }
}
