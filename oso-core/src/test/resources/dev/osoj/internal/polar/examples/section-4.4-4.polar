has_permission(actor: Actor, "open_tenant") if has_role(actor, "operator");            # (7)
has_role(actor: Actor, "auditor") if has_role(actor, "operator");                      # (8)
has_role(actor: Actor, "admin", resource: Org) if has_role(actor, "operator");         # (9)
has_permission(actor: Actor, "read", resource: Org) if has_role(actor, "auditor");     # (10)
has_permission(actor: Actor, "read", resource: Org) if has_role(actor, "admin", resource);
