actor User {}
resource Org {
  roles = ["member", "admin"];
  permissions = ["read"];
  relations = { parent: Org };
}
resource Project {
  roles = ["viewer", "maintainer"];
  permissions = ["view", "configure"];
  relations = { org: Org, creator: User };

  "view" if "viewer";                 # (1) permission from role
  "viewer" if "maintainer";           # (2) role implication
  "configure" if "view";              # (3) permission from permission (legal, see oso-drive)
  "maintainer" if "creator";          # (4) role from a relation to an actor
  "viewer" if "member" on "org";      # (5) role from a role on a related resource
  "view" if "read" on "org";          # (6) permission from a permission on a related resource
}
