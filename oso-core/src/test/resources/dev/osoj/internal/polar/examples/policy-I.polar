actor User {
  roles = ["boss"];
  relations = { manager: User };
  "boss" if "manager";
  "boss" if "boss" on "manager";
}
resource Report {
  roles = ["viewer"];
  permissions = ["view"];
  relations = { owner: User };
  "viewer" if "owner";
  "viewer" if "boss" on "owner";
  "view" if "viewer";
}
