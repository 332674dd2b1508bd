package dev.osoj;

import java.util.List;
import java.util.Map;

/**
 * What a policy declares, per resource type (and {@code global}), as Oso Cloud's {@code
 * /policy_metadata} reports it.
 *
 * @param resources declarations per type name
 */
public record PolicyMetadata(Map<String, ResourceMetadata> resources) {
  /** Creates the metadata, copying the map. */
  public PolicyMetadata {
    resources = Map.copyOf(resources);
  }

  /**
   * The declarations of one block.
   *
   * @param roles the declared roles, in source order
   * @param permissions the declared permissions, in source order
   * @param relations relation name to related type
   */
  public record ResourceMetadata(
      List<String> roles, List<String> permissions, Map<String, String> relations) {
    /** Creates the block metadata, copying everything. */
    public ResourceMetadata {
      roles = List.copyOf(roles);
      permissions = List.copyOf(permissions);
      relations = Map.copyOf(relations);
    }
  }
}
