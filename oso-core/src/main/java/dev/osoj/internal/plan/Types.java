package dev.osoj.internal.plan;

import dev.osoj.internal.program.TypeHierarchy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The exact types a variable may take, as the planner narrows them. */
final class Types {
  private Types() {}

  /**
   * A set of exact type names, or every type.
   *
   * @param names the names, or null for any
   */
  record Allowed(@Nullable Set<String> names) {
    static final Allowed ANY = new Allowed(null);

    boolean permits(String type) {
      return names == null || names.contains(type);
    }

    Allowed intersect(Allowed other) {
      if (names == null) {
        return other;
      }
      if (other.names == null) {
        return this;
      }
      Set<String> both = new HashSet<>(names);
      both.retainAll(other.names);
      return new Allowed(both);
    }

    boolean isEmpty() {
      return names != null && names.isEmpty();
    }

    List<String> sorted() {
      return names == null ? List.of() : List.copyOf(new TreeSet<>(names));
    }
  }

  static Allowed exactly(String type) {
    return new Allowed(Set.of(type));
  }

  static Allowed subtypesOf(TypeHierarchy types, String type) {
    if (type.equals(TypeHierarchy.ANY)) {
      return Allowed.ANY;
    }
    if (TypeHierarchy.isPrimitive(type)) {
      return exactly(type);
    }
    Set<String> names = new HashSet<>(types.declaredSubtypes(type));
    if (!type.equals(TypeHierarchy.RESOURCE) && !type.equals(TypeHierarchy.ACTOR)) {
      names.add(type);
    }
    return new Allowed(names);
  }
}
