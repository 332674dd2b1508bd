actor User {}
global {
  roles = ["superuser", "support"];
  permissions = ["create_company"];
  "create_company" if "superuser";
}
resource Company {
  roles = ["viewer", "admin"];
  permissions = ["read", "delete"];
  "viewer" if global "support";
  "admin" if global "superuser";
  "viewer" if "admin";
  "read" if "viewer";
  "delete" if "admin";
}
