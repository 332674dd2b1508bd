has_role(actor: Actor, "reader", resource: File) if
  related matches Folder and has_relation(resource, "folder", related) and
  has_role(actor, "reader", related);
has_role(actor: Actor, "writer", resource: File) if
  related matches Folder and has_relation(resource, "folder", related) and
  has_role(actor, "writer", related);
