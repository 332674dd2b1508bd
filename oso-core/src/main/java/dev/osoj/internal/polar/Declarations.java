package dev.osoj.internal.polar;

import dev.osoj.SourceSpan;
import dev.osoj.internal.polar.ast.BlockMember;
import dev.osoj.internal.polar.ast.DeclValue;
import dev.osoj.internal.polar.ast.Item;
import dev.osoj.internal.polar.ast.Name;
import dev.osoj.internal.polar.ast.TypeRef;
import dev.osoj.internal.program.Block;
import dev.osoj.internal.program.TypeHierarchy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The declared types and the block declarations of a policy (polar.md §3.1, §3.2).
 *
 * <p>Checks: one block per type name ({@code DuplicateBlock}; [choice] reopened blocks are not
 * merged), at most one {@code global} block, the three keys with their shapes and no repeated key
 * or name ({@code BadDeclaration}), relation targets and {@code extends} types declared ({@code
 * UnknownType}), no {@code extends} cycle and, across a type and its supertypes, no name declared
 * with two kinds and no relation with two targets ({@code BadDeclaration}, [choice]). The global
 * block may declare roles and permissions only ([choice]).
 *
 * <p>Effective declarations list a type's own names first, then those inherited from each supertype
 * in {@code extends} order.
 */
final class Declarations {
  /** What a declared name is. */
  enum Kind {
    ROLE("role"),
    PERMISSION("permission"),
    RELATION("relation");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    String word() {
      return word;
    }
  }

  /** Declarations of one block: name to kind, in order, and relation targets. */
  static final class Decls {
    final String type;
    final boolean actor;
    final SourceSpan span;
    final Map<String, Kind> kinds = new LinkedHashMap<>();
    final Map<String, String> relations = new LinkedHashMap<>();

    Decls(String type, boolean actor, SourceSpan span) {
      this.type = type;
      this.actor = actor;
      this.span = span;
    }

    @Nullable Kind kindOf(String name) {
      return kinds.get(name);
    }

    List<String> names(Kind kind) {
      List<String> out = new ArrayList<>();
      kinds.forEach(
          (n, k) -> {
            if (k == kind) {
              out.add(n);
            }
          });
      return out;
    }

    Block toBlock() {
      return new Block(type, actor, names(Kind.ROLE), names(Kind.PERMISSION), relations);
    }
  }

  private static final Set<String> KEYS = Set.of("roles", "permissions", "relations");

  private final Diagnostics diagnostics;
  private final TypeScope scope;
  private final Map<String, Item.ResourceBlock> blocks = new LinkedHashMap<>();
  private final Map<String, Decls> own = new LinkedHashMap<>();
  private final Map<String, List<String>> supertypes = new LinkedHashMap<>();
  private final Map<String, Decls> effective = new LinkedHashMap<>();
  private Item.@Nullable GlobalBlock globalBlock;
  private @Nullable Decls global;
  private @Nullable TypeHierarchy declaredHierarchy;

  Declarations(Diagnostics diagnostics, TypeScope scope) {
    this.diagnostics = diagnostics;
    this.scope = scope;
  }

  /** Registers the type names of all blocks; must run before anything resolves types. */
  void register(List<Item> items) {
    for (Item item : items) {
      if (item instanceof Item.ResourceBlock) {
        registerBlock((Item.ResourceBlock) item);
      } else if (item instanceof Item.GlobalBlock) {
        registerGlobal((Item.GlobalBlock) item);
      }
    }
  }

  private void registerBlock(Item.ResourceBlock block) {
    TypeRef type = block.type();
    String name = type.name();
    if (TypeScope.BUILT_IN.contains(name)) {
      diagnostics.error(
          "BadDeclaration", type.span(), "cannot declare built-in type '" + name + "'");
    } else if (name.contains("::") || name.endsWith("?")) {
      diagnostics.error(
          "UnsupportedSyntax",
          type.span(),
          "type name '" + name + "' is not supported: type names may not contain '::' or '?'");
    } else if (blocks.containsKey(name)) {
      diagnostics.error(
          "DuplicateBlock",
          type.span(),
          "type '" + name + "' is already declared at " + blocks.get(name).type().span());
    } else {
      blocks.put(name, block);
      scope.declare(name);
    }
  }

  private void registerGlobal(Item.GlobalBlock block) {
    if (globalBlock != null) {
      diagnostics.error(
          "DuplicateBlock",
          block.span(),
          "a policy may have only one global block; another is at " + globalBlock.span());
    } else {
      globalBlock = block;
    }
  }

  /** Checks every block's declarations and computes the effective ones and the hierarchy. */
  void resolve() {
    blocks.forEach(
        (name, block) -> {
          Decls decls = new Decls(name, block.kind() == Item.BlockKind.ACTOR, block.type().span());
          collect(decls, block.members(), false);
          own.put(name, decls);
          supertypes.put(name, resolveSupertypes(block));
        });
    if (globalBlock != null) {
      global = new Decls("global", false, globalBlock.span());
      collect(global, globalBlock.members(), true);
    }
    breakCycles();
    for (String name : blocks.keySet()) {
      effective(name, new HashSet<>());
    }
    declaredHierarchy = new TypeHierarchy(supertypes);
  }

  private List<String> resolveSupertypes(Item.ResourceBlock block) {
    List<String> out = new ArrayList<>();
    out.add(block.kind() == Item.BlockKind.ACTOR ? TypeHierarchy.ACTOR : TypeHierarchy.RESOURCE);
    for (TypeRef sup : block.supertypes()) {
      if (sup.name().equals(block.type().name())) {
        diagnostics.error(
            "BadDeclaration", sup.span(), "type '" + sup.name() + "' cannot extend itself");
      } else if (scope.resolve(sup, TypeScope.Use.EXTENDS) && !out.contains(sup.name())) {
        out.add(sup.name());
      }
    }
    return out;
  }

  private void collect(Decls decls, List<BlockMember> members, boolean isGlobal) {
    Set<String> seenKeys = new HashSet<>();
    for (BlockMember member : members) {
      if (member instanceof BlockMember.Declaration) {
        declaration(decls, (BlockMember.Declaration) member, seenKeys, isGlobal);
      }
    }
  }

  private void declaration(
      Decls decls, BlockMember.Declaration d, Set<String> seenKeys, boolean isGlobal) {
    String key = d.key().text();
    String where = isGlobal ? "the global block" : "'" + decls.type + "'";
    if (!KEYS.contains(key)) {
      diagnostics.error(
          "BadDeclaration",
          d.key().span(),
          "unknown declaration '"
              + key
              + "' in "
              + where
              + "; expected 'roles', 'permissions' or 'relations'"
              + Hints.suffix(key, KEYS));
      return;
    }
    if (!seenKeys.add(key)) {
      diagnostics.error(
          "BadDeclaration", d.key().span(), "'" + key + "' is declared more than once in " + where);
      return;
    }
    if (key.equals("relations")) {
      relations(decls, d, isGlobal);
    } else if (!(d.value() instanceof DeclValue.StringList)) {
      diagnostics.error(
          "BadDeclaration",
          d.value().span(),
          "'" + key + "' in " + where + " must be a list of strings such as [\"a\", \"b\"]");
    } else {
      Kind kind = key.equals("roles") ? Kind.ROLE : Kind.PERMISSION;
      for (Name item : ((DeclValue.StringList) d.value()).items()) {
        addName(decls, item, kind, where);
      }
    }
  }

  private void relations(Decls decls, BlockMember.Declaration d, boolean isGlobal) {
    if (isGlobal) {
      diagnostics.error(
          "BadDeclaration",
          d.key().span(),
          "the global block cannot declare relations: a relation needs a resource");
      return;
    }
    if (!(d.value() instanceof DeclValue.RelationMap)) {
      diagnostics.error(
          "BadDeclaration",
          d.value().span(),
          "'relations' in '" + decls.type + "' must be a map such as { parent: Folder }");
      return;
    }
    for (DeclValue.Entry entry : ((DeclValue.RelationMap) d.value()).entries()) {
      if (!addName(decls, entry.name(), Kind.RELATION, "'" + decls.type + "'")) {
        continue;
      }
      if (scope.resolve(entry.type(), TypeScope.Use.RELATION)) {
        decls.relations.put(entry.name().text(), entry.type().name());
      } else {
        decls.kinds.remove(entry.name().text());
      }
    }
  }

  private boolean addName(Decls decls, Name name, Kind kind, String where) {
    if (name.text().isEmpty()) {
      diagnostics.error(
          "BadDeclaration", name.span(), "empty " + kind.word() + " name in " + where);
      return false;
    }
    Kind existing = decls.kinds.get(name.text());
    if (existing != null) {
      diagnostics.error(
          "BadDeclaration",
          name.span(),
          "'" + name.text() + "' is declared twice in " + where + ": already a " + existing.word());
      return false;
    }
    decls.kinds.put(name.text(), kind);
    return true;
  }

  private void breakCycles() {
    for (String start : new ArrayList<>(supertypes.keySet())) {
      List<String> sups = supertypes.get(start);
      for (String sup : new ArrayList<>(sups)) {
        if (reaches(sup, start, new HashSet<>())) {
          diagnostics.error(
              "BadDeclaration",
              blocks.get(start).type().span(),
              "'" + start + "' extends '" + sup + "', which already extends '" + start + "'");
          sups.remove(sup);
        }
      }
    }
  }

  private boolean reaches(String from, String target, Set<String> seen) {
    if (from.equals(target)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    for (String next : supertypes.getOrDefault(from, List.of())) {
      if (reaches(next, target, seen)) {
        return true;
      }
    }
    return false;
  }

  private Decls effective(String name, Set<String> visiting) {
    Decls done = effective.get(name);
    if (done != null) {
      return done;
    }
    Decls mine = own.get(name);
    Decls result = new Decls(name, mine.actor, mine.span);
    result.kinds.putAll(mine.kinds);
    result.relations.putAll(mine.relations);
    visiting.add(name);
    for (String sup : supertypes.get(name)) {
      if (own.containsKey(sup) && !visiting.contains(sup)) {
        inherit(result, effective(sup, visiting));
      }
    }
    effective.put(name, result);
    return result;
  }

  private void inherit(Decls into, Decls from) {
    from.kinds.forEach(
        (n, kind) -> {
          Kind mine = into.kinds.get(n);
          if (mine == null) {
            into.kinds.put(n, kind);
            if (kind == Kind.RELATION) {
              into.relations.put(n, from.relations.get(n));
            }
          } else if (mine != kind) {
            diagnostics.error(
                "BadDeclaration",
                into.span,
                String.format(
                    Locale.ROOT,
                    "'%s' is a %s of '%s' but a %s of its supertype '%s'",
                    n,
                    mine.word(),
                    into.type,
                    kind.word(),
                    from.type));
          } else if (kind == Kind.RELATION
              && !Objects.equals(into.relations.get(n), from.relations.get(n))) {
            diagnostics.error(
                "BadDeclaration",
                into.span,
                String.format(
                    Locale.ROOT,
                    "relation '%s' of '%s' targets '%s' but its supertype '%s' declares '%s'",
                    n,
                    into.type,
                    into.relations.get(n),
                    from.type,
                    from.relations.get(n)));
          }
        });
  }

  /** Returns the block declaring a type, or null. */
  Item.@Nullable ResourceBlock block(String type) {
    return blocks.get(type);
  }

  /** Returns the blocks in source order. */
  Map<String, Item.ResourceBlock> blocks() {
    return blocks;
  }

  /** Returns the effective declarations of a declared type, or null. */
  @Nullable Decls of(String type) {
    return effective.get(type);
  }

  /** Returns the global declarations, or null without a global block. */
  @Nullable Decls global() {
    return global;
  }

  /** Returns the global block as written, or null. */
  Item.@Nullable GlobalBlock globalBlock() {
    return globalBlock;
  }

  /** Returns declared types to direct supertypes (acyclic). */
  Map<String, List<String>> supertypes() {
    return supertypes;
  }

  /** Returns the hierarchy of declared types only (plain types not yet included). */
  TypeHierarchy declaredHierarchy() {
    if (declaredHierarchy == null) {
      throw new IllegalStateException("declarations not resolved");
    }
    return declaredHierarchy;
  }

  /** Returns the effective blocks in source order. */
  Map<String, Block> toBlocks() {
    Map<String, Block> out = new LinkedHashMap<>();
    effective.forEach((name, decls) -> out.put(name, decls.toBlock()));
    return out;
  }
}
