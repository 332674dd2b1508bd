package dev.osoj.internal.eval;

import dev.osoj.internal.program.TypeHierarchy;
import dev.osoj.internal.store.ValueTable;
import java.util.HashSet;
import java.util.Set;

/** Subtyping over the type ids of one {@link ValueTable}, precomputed for the policy's types. */
final class Types {
  /** The type id given to values whose type the value table does not know. */
  static final int UNKNOWN = -2;

  private final TypeHierarchy hierarchy;
  private final ValueTable table;
  private final int known;
  private final boolean[][] sub;
  final int any;
  final int integer;
  final int string;

  Types(TypeHierarchy hierarchy, ValueTable table) {
    this.hierarchy = hierarchy;
    this.table = table;
    this.any = table.internType(TypeHierarchy.ANY);
    this.integer = table.internType(dev.osoj.Value.INTEGER);
    this.string = table.internType(dev.osoj.Value.STRING);
    table.internType(dev.osoj.Value.BOOLEAN);
    table.internType(TypeHierarchy.RESOURCE);
    hierarchy.directSupertypes().keySet().forEach(table::internType);
    this.known = table.typeCount();
    this.sub = new boolean[known][known];
    for (int a = 0; a < known; a++) {
      for (int b = 0; b < known; b++) {
        sub[a][b] = hierarchy.isSubtype(table.typeName(a), table.typeName(b));
      }
    }
  }

  /** Returns whether type {@code a} is a subtype of type {@code b}. */
  boolean isSub(int a, int b) {
    if (a == b || b == any) {
      return true;
    }
    if (a < 0 || b < 0) {
      return false;
    }
    if (a < known && b < known) {
      return sub[a][b];
    }
    return hierarchy.isSubtype(table.typeName(a), table.typeName(b));
  }

  /** Returns whether some value could have both types. */
  boolean overlap(int a, int b) {
    if (a < 0 || b < 0 || isSub(a, b) || isSub(b, a)) {
      return true;
    }
    Set<String> common = new HashSet<>(hierarchy.declaredSubtypes(table.typeName(a)));
    common.retainAll(hierarchy.declaredSubtypes(table.typeName(b)));
    return !common.isEmpty();
  }

  /** Returns the id of a type name, or -1 if the policy and the facts never mention it. */
  int find(String name) {
    return table.findType(name);
  }

  String name(int typeId) {
    return typeId < 0 ? "?" : table.typeName(typeId);
  }
}
