package dev.osoj.internal.program;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The effective declarations of one actor or resource block (its own plus inherited ones), or of
 * the global block.
 *
 * @param type the type name, or {@code global}
 * @param actor true for an {@code actor} block
 * @param roles the roles, in declaration order
 * @param permissions the permissions, in declaration order
 * @param relations relation name to target type, in declaration order
 */
public record Block(
    String type,
    boolean actor,
    List<String> roles,
    List<String> permissions,
    Map<String, String> relations) {
  /** Creates a block, copying its declarations (relations keep their order). */
  public Block {
    requireNonNull(type, "type");
    roles = List.copyOf(roles);
    permissions = List.copyOf(permissions);
    relations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(relations));
  }
}
