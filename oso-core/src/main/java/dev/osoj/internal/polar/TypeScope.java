package dev.osoj.internal.polar;

import dev.osoj.SourceSpan;
import dev.osoj.Value;
import dev.osoj.internal.polar.ast.TypeRef;
import dev.osoj.internal.program.TypeHierarchy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves type names written in a policy.
 *
 * <p>Known names are the primitives, {@code Actor}, {@code Resource} and every type declared by an
 * {@code actor} or {@code resource} block. An unknown name is handled by where it is used:
 *
 * <ul>
 *   <li>In a relation target or an {@code extends} list it must be declared: {@code UnknownType}.
 *   <li>Elsewhere (typed parameter, {@code matches}, entity literal, {@code declare}, rule type)
 *       published Oso policies use types that no block declares ({@code group matches Group}).
 *       [choice] Such a name is an {@code UnknownType} error when it is a clear misspelling of a
 *       known type (see {@link Hints}: edit distance 1 for names of up to four characters, 2 for
 *       longer ones, or a difference in case only), so {@code Usr} next to {@code User} and {@code
 *       Foldr} next to {@code Folder} are rejected. Otherwise it is accepted as a <em>plain
 *       type</em>: a subtype of {@code Resource} with no roles, permissions or relations, and one
 *       {@code UndeclaredType} warning is emitted at its first use.
 * </ul>
 *
 * <p>Type names containing {@code ::} or {@code ?} are lexically valid but unsupported.
 */
final class TypeScope {
  /** Where a type name is used. */
  enum Use {
    PARAM,
    MATCHES,
    ENTITY,
    DECLARE,
    RULE_TYPE,
    RELATION,
    EXTENDS;

    boolean strict() {
      return this == RELATION || this == EXTENDS;
    }
  }

  static final List<String> BUILT_IN =
      List.of(
          Value.STRING, Value.INTEGER, Value.BOOLEAN, TypeHierarchy.ACTOR, TypeHierarchy.RESOURCE);

  private final Set<String> declared = new LinkedHashSet<>();
  private final Map<String, SourceSpan> plain = new LinkedHashMap<>();
  private final Diagnostics diagnostics;

  TypeScope(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  void declare(String type) {
    declared.add(type);
  }

  boolean isBlockType(String type) {
    return declared.contains(type);
  }

  /** Returns the plain (undeclared, accepted) types in order of first use. */
  Set<String> plainTypes() {
    return plain.keySet();
  }

  /**
   * Resolves a type name, reporting unknown or unsupported names.
   *
   * @return true if the name denotes a type (declared, built-in or accepted plain type)
   */
  boolean resolve(TypeRef ref, Use use) {
    String name = ref.name();
    if (declared.contains(name) || BUILT_IN.contains(name) || plain.containsKey(name)) {
      return true;
    }
    if (name.contains("::") || name.endsWith("?")) {
      diagnostics.error(
          "UnsupportedSyntax",
          ref.span(),
          "type name '" + name + "' is not supported: type names may not contain '::' or '?'");
      return false;
    }
    List<String> candidates = new ArrayList<>(declared);
    candidates.addAll(BUILT_IN);
    String close = Hints.closest(name, candidates);
    if (close != null || use.strict()) {
      String hint =
          close != null
              ? "; did you mean '" + close + "'?"
              : "; declare it with 'actor " + name + " {}' or 'resource " + name + " {}'";
      diagnostics.error("UnknownType", ref.span(), "unknown type '" + name + "'" + hint);
      return false;
    }
    plain.put(name, ref.span());
    diagnostics.warning(
        "UndeclaredType",
        ref.span(),
        "type '"
            + name
            + "' has no actor or resource block; it is treated as a resource type without roles,"
            + " permissions or relations");
    return true;
  }
}
