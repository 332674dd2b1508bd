package dev.osoj.internal.program;

import dev.osoj.Value;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The types of a policy and their subtype relation: the primitives, the abstract {@code Actor} and
 * {@code Resource}, and every declared type with its direct supertypes. Subtyping is reflexive and
 * transitive; {@code Actor} is a subtype of {@code Resource}. Immutable.
 */
public final class TypeHierarchy {
  /** The abstract supertype of every actor type. */
  public static final String ACTOR = "Actor";

  /** The abstract supertype of every declared type. */
  public static final String RESOURCE = "Resource";

  /** The pseudo-type of a signature position that accepts every value. */
  public static final String ANY = "Any";

  private final Map<String, List<String>> directSupertypes;
  private final Map<String, Set<String>> ancestors;

  /**
   * Creates a hierarchy.
   *
   * @param directSupertypes every declared type (and only those) mapped to its direct supertypes;
   *     an actor type lists {@code Actor}, a resource type {@code Resource}, plus its {@code
   *     extends} types. Must be acyclic.
   */
  public TypeHierarchy(Map<String, List<String>> directSupertypes) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    directSupertypes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    copy.put(ACTOR, List.of(RESOURCE));
    this.directSupertypes = Collections.unmodifiableMap(copy);
    Map<String, Set<String>> all = new LinkedHashMap<>();
    for (String type : copy.keySet()) {
      Set<String> seen = new HashSet<>();
      collect(type, seen);
      all.put(type, Set.copyOf(seen));
    }
    this.ancestors = Collections.unmodifiableMap(all);
  }

  private void collect(String type, Set<String> seen) {
    if (!seen.add(type)) {
      return;
    }
    for (String parent : directSupertypes.getOrDefault(type, List.of())) {
      collect(parent, seen);
    }
  }

  /**
   * Returns whether a type name is known: primitive, abstract or declared.
   *
   * @param type the name
   * @return true if known
   */
  public boolean isKnown(String type) {
    return isPrimitive(type) || type.equals(RESOURCE) || directSupertypes.containsKey(type);
  }

  /**
   * Returns whether a type is one of the declared actor or resource types.
   *
   * @param type the name
   * @return true if declared by a block (or accepted as an undeclared plain type)
   */
  public boolean isDeclared(String type) {
    return directSupertypes.containsKey(type) && !type.equals(ACTOR);
  }

  /**
   * Returns whether a type is {@code String}, {@code Integer} or {@code Boolean}.
   *
   * @param type the name
   * @return true for a primitive
   */
  public static boolean isPrimitive(String type) {
    return type.equals(Value.STRING) || type.equals(Value.INTEGER) || type.equals(Value.BOOLEAN);
  }

  /**
   * Returns whether {@code sub} is a subtype of {@code sup} (reflexive, transitive). {@code Any} is
   * a supertype of everything.
   *
   * @param sub the candidate subtype
   * @param sup the candidate supertype
   * @return true if every value of {@code sub} is a value of {@code sup}
   */
  public boolean isSubtype(String sub, String sup) {
    if (sub.equals(sup) || sup.equals(ANY)) {
      return true;
    }
    Set<String> up = ancestors.get(sub);
    return up != null && up.contains(sup);
  }

  /**
   * Returns the declared types, including {@code Actor}, with their direct supertypes.
   *
   * @return type to direct supertypes
   */
  public Map<String, List<String>> directSupertypes() {
    return directSupertypes;
  }

  /**
   * Returns every declared type that is a subtype of the given one (including itself if declared).
   *
   * @param sup the supertype
   * @return the declared subtypes
   */
  public Set<String> declaredSubtypes(String sup) {
    Set<String> result = new HashSet<>();
    for (String type : directSupertypes.keySet()) {
      if (!type.equals(ACTOR) && isSubtype(type, sup)) {
        result.add(type);
      }
    }
    return result;
  }
}
