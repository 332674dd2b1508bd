# GitClub for benchmarks: organizations own repositories, repositories hold issues.
actor User {}

global {
  roles = ["site_admin"];
}

resource Organization {
  roles = ["member", "admin"];
  permissions = ["read", "create_repository", "manage_members"];

  "member" if "admin";
  "admin" if global "site_admin";
  "read" if "member";
  "create_repository" if "member";
  "manage_members" if "admin";
}

resource Repository {
  roles = ["reader", "triager", "maintainer", "admin"];
  permissions = ["read", "push", "create_issue", "close_issue", "delete"];
  relations = { organization: Organization };

  "triager" if "maintainer";
  "maintainer" if "admin";
  "reader" if "triager";
  "reader" if "member" on "organization";
  "admin" if "admin" on "organization";

  "read" if "reader";
  "create_issue" if "read";
  "close_issue" if "triager";
  "push" if "maintainer";
  "delete" if "admin";
}

resource Issue {
  permissions = ["read", "comment", "close"];
  relations = { repository: Repository, creator: User };

  "read" if "read" on "repository";
  "comment" if "read";
  "close" if "creator" or "close_issue" on "repository";
}
