actor User {}

resource Organization {
  roles = ["member", "admin"];
  permissions = ["read"];
  "member" if "admin";
  "read" if "member";
}

resource Repository {
  roles = ["reader", "maintainer"];
  permissions = ["read", "push"];
  relations = { organization: Organization };
  "reader" if "member" on "organization";
  "maintainer" if "admin" on "organization";
  "reader" if "maintainer";
  "read" if "reader";
  "read" if is_public(resource);
  "push" if "maintainer";
}
