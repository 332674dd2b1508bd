# GitClub: organizations own repositories; repositories hold issues and nested folders.
actor User {}

resource Organization {
  roles = ["member", "owner"];
  permissions = ["read", "create_repository"];

  "member" if "owner";
  "read" if "member";
  "create_repository" if "owner";
}

resource Repository {
  roles = ["reader", "maintainer", "admin"];
  permissions = ["read", "write", "delete"];
  relations = { organization: Organization };

  "reader" if "member" on "organization";
  "admin" if "owner" on "organization";
  "maintainer" if "admin";
  "reader" if "maintainer";

  "read" if "reader";
  "read" if is_public(resource);
  "write" if "maintainer";
  "delete" if "admin";
}

resource Issue {
  permissions = ["read", "close"];
  relations = { repository: Repository };

  "read" if "read" on "repository";
  "close" if "write" on "repository";
}

resource Folder {
  roles = ["reader", "writer"];
  permissions = ["read", "write"];
  relations = { repository: Repository, parent: Folder };

  "reader" if "reader" on "repository";
  "writer" if "maintainer" on "repository";
  role if role on "parent";
  "reader" if "writer";

  "read" if "reader";
  "write" if "writer";
}
