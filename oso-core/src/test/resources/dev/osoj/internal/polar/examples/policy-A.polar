actor User {}
resource Workspace {
  roles = ["guest", "editor", "owner"];
  permissions = ["view", "edit", "remove"];
  "view" if "guest";
  "edit" if "editor";
  "remove" if "owner";
  "guest" if "editor";
  "editor" if "owner";
}
