actor User {}

resource Organization {
  roles = ["member", "admin"];
  permissions = ["read", "create_repo"];
  "member" if "admin";
  "read" if "member";
  "create_repo" if "admin";
}

resource Folder {
  roles = ["reader"];
  relations = { parent: Folder };
  "reader" if "reader" on "parent";
}

resource Repository {
  roles = ["reader", "maintainer"];
  permissions = ["read", "push", "delete"];
  relations = { organization: Organization, folder: Folder };
  "reader" if "member" on "organization";
  "maintainer" if "admin" on "organization";
  "reader" if "maintainer";
  "reader" if "reader" on "folder";
  "read" if "reader";
  "read" if is_public(resource);
  "push" if "maintainer";
}

has_permission(user: User, "delete", repo: Repository) if
  has_role(user, "maintainer", repo) and
  not is_archived(repo);

resource Issue {
  permissions = ["read", "close"];
  relations = { repository: Repository };
  "read" if "read" on "repository";
  "close" if "push" on "repository";
}
