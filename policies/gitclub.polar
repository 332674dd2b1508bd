# GitClub: a small code-hosting service.
#
# Organizations own repositories; repositories hold issues and a tree of
# folders and files. Access comes from roles on organizations and repositories,
# from relations (an issue's creator, a file's folder), from a global
# "site_admin" role and from the public flag of a repository.

actor User {}

global {
  roles = ["site_admin"];
}

resource Organization {
  roles = ["member", "billing", "admin"];
  permissions = ["read", "create_repository", "manage_billing", "manage_members"];

  "member" if "admin";
  "billing" if "admin";
  "admin" if global "site_admin";

  "read" if "member";
  "create_repository" if "member";
  "manage_billing" if "billing";
  "manage_members" if "admin";
}

resource Repository {
  roles = ["reader", "triager", "maintainer", "admin"];
  permissions = ["read", "clone", "push", "create_issue", "close_issue", "delete"];
  relations = { organization: Organization };

  # role implication inside the repository
  "triager" if "maintainer";
  "maintainer" if "admin";
  "reader" if "triager";

  # roles granted by the owning organization
  "reader" if "member" on "organization";
  "admin" if "admin" on "organization";

  "read" if "reader";
  "read" if is_public(resource, true);
  "clone" if "read";
  "create_issue" if "read";
  "close_issue" if "triager";
  "push" if "maintainer";
  "delete" if "admin";
}

resource Issue {
  roles = ["assignee"];
  permissions = ["read", "comment", "close"];
  relations = { repository: Repository, creator: User };

  "read" if "read" on "repository";
  "comment" if "read" and not_locked(resource);
  "close" if "creator" or "assignee" or "close_issue" on "repository";
}

resource Folder {
  roles = ["viewer", "editor"];
  permissions = ["list", "write"];
  relations = { repository: Repository, parent: Folder };

  "viewer" if "reader" on "repository";
  "editor" if "maintainer" on "repository";
  role if role on "parent";
  "viewer" if "editor";

  "list" if "viewer";
  "write" if "editor";
}

resource File {
  roles = ["viewer", "editor"];
  permissions = ["read", "write"];
  relations = { folder: Folder };

  role if role on "folder";
  "viewer" if "editor";

  "read" if "viewer";
  "write" if "editor";
}

# An issue is open for comments unless a moderator locked it.
not_locked(issue: Issue) if
  repo matches Repository and
  has_relation(issue, "repository", repo) and
  not is_locked(issue);

test fixture acme {
  has_role(User{"alice"}, "admin", Organization{"acme"});
  has_role(User{"bob"}, "member", Organization{"acme"});
  has_relation(Repository{"anvil"}, "organization", Organization{"acme"});
  has_relation(Repository{"rocket"}, "organization", Organization{"acme"});
  has_role(User{"carol"}, "maintainer", Repository{"rocket"});
}

test fixture tree {
  has_relation(Folder{"src"}, "repository", Repository{"anvil"});
  has_relation(Folder{"src/main"}, "parent", Folder{"src"});
  has_relation(Folder{"src/main/java"}, "parent", Folder{"src/main"});
  has_relation(File{"src/main/java/App.java"}, "folder", Folder{"src/main/java"});
  has_role(User{"dave"}, "editor", Folder{"src/main"});
}

test "organization roles imply repository roles" {
  setup {
    fixture acme;
  }
  assert allow(User{"alice"}, "delete", Repository{"anvil"});
  assert allow(User{"bob"}, "clone", Repository{"anvil"});
  assert_not allow(User{"bob"}, "push", Repository{"anvil"});
  assert allow(User{"carol"}, "push", Repository{"rocket"});
  assert_not allow(User{"carol"}, "push", Repository{"anvil"});
  assert allow(User{"bob"}, action: String, Repository{"anvil"})
    iff action in ["read", "clone", "create_issue"];
  assert allow(User{"alice"}, action: String, Organization{"acme"})
    iff action in ["read", "create_repository", "manage_billing", "manage_members"];
}

test "site admins administer every organization" {
  setup {
    has_role(User{"root"}, "site_admin");
  }
  assert allow(User{"root"}, "manage_members", Organization{"anything"});
  assert allow(User{"root"}, "read", Organization{"globex"});
  assert_not allow(User{"root"}, "read", Repository{"anvil"});
}

test "public repositories are readable by anyone" {
  setup {
    is_public(Repository{"open-source"}, true);
    is_public(Repository{"secret"}, false);
  }
  assert allow(User{"eve"}, "clone", Repository{"open-source"});
  assert_not allow(User{"eve"}, "read", Repository{"secret"});
  assert_not allow(User{"eve"}, "push", Repository{"open-source"});
  assert allow(user: User, "push", Repository{"open-source"}) iff false;
}

test "issues follow their repository" {
  setup {
    fixture acme;
    has_relation(Issue{"42"}, "repository", Repository{"anvil"});
    has_relation(Issue{"43"}, "repository", Repository{"anvil"});
    has_relation(Issue{"42"}, "creator", User{"erin"});
    is_locked(Issue{"43"});
  }
  assert allow(User{"bob"}, "comment", Issue{"42"});
  assert_not allow(User{"bob"}, "comment", Issue{"43"});
  assert_not allow(User{"bob"}, "close", Issue{"42"});
  assert allow(User{"erin"}, "close", Issue{"42"});
  assert_not allow(User{"erin"}, "read", Issue{"42"});
  assert allow(User{"alice"}, "close", Issue{"43"});
}

test "folder roles flow down the tree, never up" {
  setup {
    fixture acme;
    fixture tree;
  }
  assert allow(User{"bob"}, "list", Folder{"src/main/java"});
  assert allow(User{"bob"}, "read", File{"src/main/java/App.java"});
  assert_not allow(User{"bob"}, "write", File{"src/main/java/App.java"});
  assert allow(User{"dave"}, "write", File{"src/main/java/App.java"});
  assert allow(User{"dave"}, "write", Folder{"src/main/java"});
  assert_not allow(User{"dave"}, "write", Folder{"src"});
  assert allow(User{"alice"}, "write", Folder{"src"});
  assert has_role(User{"dave"}, role: String, Folder{"src/main/java"})
    iff role in ["viewer", "editor"];
}
