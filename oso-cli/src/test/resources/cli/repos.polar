# Organizations and repositories: roles, a relation, a global role and an attribute fact.
actor User {}

global {
  roles = ["site_admin"];
}

resource Organization {
  roles = ["member", "admin"];
  permissions = ["read", "manage_members"];

  "member" if "admin";
  "admin" if global "site_admin";

  "read" if "member";
  "manage_members" if "admin";
}

resource Repository {
  roles = ["reader", "maintainer", "admin"];
  permissions = ["read", "clone", "push", "create_issue", "delete"];
  relations = { organization: Organization };

  "reader" if "maintainer";
  "maintainer" if "admin";
  "reader" if "member" on "organization";
  "admin" if "admin" on "organization";

  "read" if "reader";
  "read" if is_public(resource, true);
  "clone" if "read";
  "create_issue" if "read";
  "push" if "maintainer";
  "delete" if "admin";
}

test "organization admins administer its repositories" {
  setup {
    has_role(User{"ann"}, "admin", Organization{"o"});
    has_relation(Repository{"r"}, "organization", Organization{"o"});
  }
  assert allow(User{"ann"}, "delete", Repository{"r"});
  assert_not allow(User{"ann"}, "delete", Repository{"elsewhere"});
}
