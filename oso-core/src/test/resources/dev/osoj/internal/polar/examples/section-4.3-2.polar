has_permission(actor: Actor, "view", resource: Project) if
  has_role(actor, "viewer", resource);                                      # (1)
has_role(actor: Actor, "viewer", resource: Project) if
  has_role(actor, "maintainer", resource);                                  # (2)
has_permission(actor: Actor, "configure", resource: Project) if
  has_permission(actor, "view", resource);                                  # (3)
has_role(actor: Actor, "maintainer", resource: Project) if
  has_relation(resource, "creator", actor);                                 # (4)
has_role(actor: Actor, "viewer", resource: Project) if
  related matches Org and has_relation(resource, "org", related) and
  has_role(actor, "member", related);                                       # (5)
has_permission(actor: Actor, "view", resource: Project) if
  related matches Org and has_relation(resource, "org", related) and
  has_permission(actor, "read", related);                                   # (6)
