actor User {}
resource Role {}
resource Org {
  roles = ["admin", "member"];
  permissions = ["read", "invite", "billing"];
  "member" if "admin";
  "read" if "member";
  "invite" if "admin";
  "billing" if "admin";
}
has_permission(user: User, perm: String, org: Org) if
  role matches Role and
  has_role(user, role, org) and
  role_grants(role, perm);
