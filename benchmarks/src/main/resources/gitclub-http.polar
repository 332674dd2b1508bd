# A GitClub-style policy for the oso serve end-to-end tests.
actor User {}

resource Organization {
  roles = ["member", "owner"];
  permissions = ["read", "create_repository"];

  "read" if "member";
  "create_repository" if "owner";
  "member" if "owner";
}

resource Repository {
  roles = ["reader", "maintainer"];
  permissions = ["read", "push", "delete"];
  relations = { organization: Organization };

  "reader" if "member" on "organization";
  "maintainer" if "owner" on "organization";
  "reader" if "maintainer";

  "read" if "reader";
  "push" if "maintainer";
  "delete" if "maintainer";
}

has_permission(_: User, "read", repo: Repository) if
  is_public(repo);

test "owners maintain the repositories of their organization" {
  setup {
    has_role(User{"ada"}, "owner", Organization{"acme"});
    has_relation(Repository{"anvil"}, "organization", Organization{"acme"});
    has_role(User{"bob"}, "member", Organization{"other"});
  }
  assert allow(User{"ada"}, "push", Repository{"anvil"});
  assert_not allow(User{"bob"}, "read", Repository{"anvil"});
}
