actor User {
  permissions = ["impersonate"];
  "impersonate" if global "helpdesk";
}
global { roles = ["helpdesk"]; }
resource Ticket {
  roles = ["owner"];
  permissions = ["view"];
  "view" if "owner";
}
allow(user: User, action: String, resource: Resource) if
  has_permission(user, action, resource);
allow(user: User, action: String, resource: Resource) if
  other matches User and
  is_impersonating(user, other) and
  has_permission(user, "impersonate", other) and
  has_permission(other, action, resource);
