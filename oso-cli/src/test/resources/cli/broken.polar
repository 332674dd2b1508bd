# Three mistakes the checker must report, all of them, with their locations.
actor User {}

resource Repository {
  roles = ["reader"];
  permissions = ["read"];
  relations = { owner: Organisation };

  "read" if "viewer";
  "reader" if "member" on "org";
}
