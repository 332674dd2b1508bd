actor User {}
resource Org {
  roles = ["member", "admin"];
  permissions = ["read"];
  relations = { parent: Org };
  "read" if "member";
  "member" if "admin";
  "admin" if "admin" on "parent";
  "read" if "read" on "parent";
}
