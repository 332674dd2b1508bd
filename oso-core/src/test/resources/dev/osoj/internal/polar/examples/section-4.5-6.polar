has_permission(actor: Actor, "read", resource: Doc) if is_public(resource);
has_permission(actor: Actor, "share", resource: Doc) if
  has_role(actor, "reader", resource) and not_locked_flag(resource, false);
has_permission(actor: Actor, "read", resource: Doc) if has_role(actor, "reader", resource);
has_permission(actor: Actor, "read", resource: Doc) if has_label(resource, "open");
