actor User {}
global {
  roles = ["admin"];
}
resource Repo {
  roles = ["reader", "maintainer"];
  permissions = ["read", "push"];
  "read" if "reader";
  "push" if "maintainer";
  "reader" if "maintainer";
  "maintainer" if global "admin";
}
resource Folder {
  roles = ["reader", "writer"];
  permissions = ["read", "write"];
  relations = { repository: Repo, parent: Folder };
  "read" if "reader";
  "write" if "writer";
  "reader" if "writer";
  "reader" if "reader" on "repository";
  "reader" if "reader" on "parent";
  "writer" if "writer" on "parent";
  "writer" if global "admin";
}
