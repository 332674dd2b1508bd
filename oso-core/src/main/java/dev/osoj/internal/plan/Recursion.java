package dev.osoj.internal.plan;

import dev.osoj.EvaluationException;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The recursive predicates of a program (strongly connected components of the call graph), the
 * member of each cycle whose recursive relation covers the whole cycle, and, per recursive
 * predicate, the argument positions every recursive call passes through unchanged.
 */
final class Recursion {
  private final Map<PredicateKey, Set<PredicateKey>> edges = new HashMap<>();
  private final Map<PredicateKey, Integer> component = new HashMap<>();
  private final Map<Integer, Set<PredicateKey>> members = new HashMap<>();
  private final Set<PredicateKey> recursive = new HashSet<>();
  private final Set<PredicateKey> anchors = new HashSet<>();

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

  /**
   * Whether a repeated call of this recursive predicate should become a recursive relation. A
   * predicate recursive through itself only always is. In a cycle of several predicates, the first
   * member by name through which every loop of the cycle passes is the one: planned as one
   * relation, it needs no other (the other members are unfolded in place). When no single member
   * lies on every loop, every member is, and a relation built inside another of the same cycle is
   * refused ({@link #checkNotNested}).
   */
  boolean isAnchor(PredicateKey key) {
    return anchors.contains(key);
  }

  /**
   * Fails when a recursive relation for {@code key} would have to be built while a relation for
   * another member of its cycle is being built: the inner relation would read the outer one, which
   * a recursive SQL query cannot express. A member of the cycle called while another member's
   * relation is being built is otherwise unfolded in place, so a cycle through several predicates
   * becomes one recursive relation as long as every one of its loops passes through the predicate
   * whose relation is built.
   */
  void checkNotNested(PredicateKey key, Set<PredicateKey> building, @Nullable Rule rule) {
    Set<PredicateKey> scc = members.get(component.get(key));
    for (PredicateKey outer : building) {
      if (!outer.equals(key) && scc != null && scc.contains(outer)) {
        throw new EvaluationException(
            "cannot plan SQL for '"
                + key
                + "'"
                + (rule == null ? "" : " called in rule " + describe(rule))
                + ": it is mutually recursive with "
                + scc
                + " through a loop that does not pass through '"
                + outer
                + "', whose recursive relation is being planned; SQL plans support a cycle of"
                + " predicates when each of its loops passes through one predicate");
      }
    }
  }

  static String describe(Rule rule) {
    return "'" + rule.origin() + "' at " + rule.span();
  }

  /**
   * Whether every recursive call of the predicate passes head argument {@code i} unchanged, so that
   * a recursive relation specialised on a value there only ever reads tuples holding that value.
   * With a cycle through several predicates the argument is followed from member to member: each
   * rule of a member must pass the head variable it holds at the followed position into one
   * position of every member it calls, the same position from every rule.
   */
  boolean isInvariant(Program program, PredicateKey key, int i) {
    Set<PredicateKey> scc = members.getOrDefault(component.get(key), Set.of(key));
    Map<PredicateKey, Integer> at = new HashMap<>();
    at.put(key, i);
    Deque<PredicateKey> work = new ArrayDeque<>();
    work.add(key);
    while (!work.isEmpty()) {
      PredicateKey p = work.poll();
      int j = at.get(p);
      for (Rule r : program.rules(p)) {
        Term head = r.head().get(j).term();
        for (Literal l : r.body()) {
          if (!(l instanceof Literal.Call)) {
            continue;
          }
          Literal.Call c = (Literal.Call) l;
          PredicateKey q = new PredicateKey(c.predicate(), c.arity());
          if (!scc.contains(q)) {
            continue;
          }
          if (!(head instanceof Term.Var)) {
            return false;
          }
          Integer known = at.get(q);
          if (known != null) {
            if (!head.equals(c.args().get(known))) {
              return false;
            }
            continue;
          }
          int k = c.args().indexOf(head);
          if (k < 0 || c.args().lastIndexOf(head) != k) {
            return false;
          }
          at.put(q, k);
          work.add(q);
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

  private void chooseAnchor(Set<PredicateKey> scc) {
    if (scc.size() == 1) {
      anchors.addAll(scc);
      return;
    }
    List<PredicateKey> order = new ArrayList<>(scc);
    order.sort(java.util.Comparator.comparing(PredicateKey::toString));
    for (PredicateKey candidate : order) {
      if (acyclicWithout(scc, candidate)) {
        anchors.add(candidate);
        return;
      }
    }
    anchors.addAll(scc);
  }

  /** Whether the calls between the members of a cycle, the candidate left out, form no loop. */
  private boolean acyclicWithout(Set<PredicateKey> scc, PredicateKey left) {
    Map<PredicateKey, Integer> state = new HashMap<>(); // 1 on the path, 2 done
    for (PredicateKey start : scc) {
      if (!start.equals(left) && hasLoop(start, scc, left, state)) {
        return false;
      }
    }
    return true;
  }

  private boolean hasLoop(
      PredicateKey v, Set<PredicateKey> scc, PredicateKey left, Map<PredicateKey, Integer> state) {
    Integer st = state.get(v);
    if (st != null) {
      return st == 1;
    }
    state.put(v, 1);
    for (PredicateKey w : edges.getOrDefault(v, Set.of())) {
      if (scc.contains(w) && !w.equals(left) && hasLoop(w, scc, left, state)) {
        return true;
      }
    }
    state.put(v, 2);
    return false;
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
      chooseAnchor(scc);
    }
  }
}
