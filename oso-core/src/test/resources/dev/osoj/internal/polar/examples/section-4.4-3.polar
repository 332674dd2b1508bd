global {
  roles = ["operator", "auditor"];
  permissions = ["open_tenant"];
  "open_tenant" if "operator";        # (7)
  "auditor" if "operator";            # (8)
}
resource Org {
  roles = ["admin"];
  permissions = ["read"];
  "admin" if global "operator";       # (9)
  "read" if global "auditor";         # (10)
  "read" if "admin";
}
