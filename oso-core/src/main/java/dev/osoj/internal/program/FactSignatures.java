package dev.osoj.internal.program;

import dev.osoj.Fact;
import dev.osoj.InvalidFactException;
import dev.osoj.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fact shapes a policy accepts (polar.md §6): per predicate name, a set of signatures, each a
 * list of type names ({@code Any} accepts every value; an abstract or declared type accepts its
 * subtypes). Immutable.
 */
public final class FactSignatures {
  private final Map<String, Set<List<String>>> byPredicate;

  /**
   * Creates the signatures.
   *
   * @param byPredicate predicate name to its accepted signatures (all arities together)
   */
  public FactSignatures(Map<String, Set<List<String>>> byPredicate) {
    Map<String, Set<List<String>>> copy = new LinkedHashMap<>();
    byPredicate.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    this.byPredicate = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns the signatures per predicate name.
   *
   * @return predicate name to signatures
   */
  public Map<String, Set<List<String>>> byPredicate() {
    return byPredicate;
  }

  /**
   * Checks a fact against the signatures and the size limits.
   *
   * @param fact the fact
   * @param types the type hierarchy
   * @throws InvalidFactException naming the predicate, arity and expected types if none accepts it
   */
  public void check(Fact fact, TypeHierarchy types) {
    for (Value v : fact.args()) {
      if (v.idBytes() > Value.MAX_ID_BYTES) {
        throw new InvalidFactException(
            "fact '"
                + fact.predicate()
                + "/"
                + fact.arity()
                + "': argument of type '"
                + v.type()
                + "' is "
                + v.idBytes()
                + " bytes, over the limit of "
                + Value.MAX_ID_BYTES);
      }
    }
    Set<List<String>> signatures = byPredicate.get(fact.predicate());
    if (signatures == null) {
      throw new InvalidFactException(
          "fact '"
              + fact
              + "': the policy never uses predicate '"
              + fact.predicate()
              + "'; declare it with 'declare "
              + fact.predicate()
              + "(...);' or use it in a rule");
    }
    List<List<String>> sameArity =
        signatures.stream().filter(s -> s.size() == fact.arity()).collect(Collectors.toList());
    if (sameArity.isEmpty()) {
      throw new InvalidFactException(
          "fact '"
              + fact
              + "': predicate '"
              + fact.predicate()
              + "' takes no "
              + fact.arity()
              + " arguments; accepted: "
              + render(fact.predicate(), signatures));
    }
    for (List<String> signature : sameArity) {
      if (accepts(signature, fact, types)) {
        return;
      }
    }
    throw new InvalidFactException(
        "fact '"
            + fact
            + "': argument types match no accepted signature; accepted: "
            + render(fact.predicate(), sameArity));
  }

  private static boolean accepts(List<String> signature, Fact fact, TypeHierarchy types) {
    for (int i = 0; i < signature.size(); i++) {
      if (!types.isSubtype(fact.args().get(i).type(), signature.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String render(String predicate, Iterable<List<String>> signatures) {
    StringBuilder out = new StringBuilder();
    for (List<String> s : signatures) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(predicate).append('(').append(String.join(", ", s)).append(')');
    }
    return out.toString();
  }
}
