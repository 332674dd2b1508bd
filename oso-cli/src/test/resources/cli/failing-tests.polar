# A workspace policy whose first test has one failing assertion (of four); the second passes.
actor User {}

resource Workspace {
  roles = ["guest", "member", "owner"];
  permissions = ["view", "edit", "remove"];

  "member" if "owner";
  "guest" if "member";

  "view" if "guest";
  "edit" if "member";
  "remove" if "owner";
}

test "workspace roles" {
  setup {
    has_role(User{"ana"}, "guest", Workspace{"w1"});
    has_role(User{"ben"}, "owner", Workspace{"w1"});
  }
  assert allow(User{"ben"}, "remove", Workspace{"w1"});
  assert_not allow(User{"ana"}, "remove", Workspace{"w1"});
  assert allow(User{"ben"}, action: String, Workspace{"w1"}) iff action in ["view", "edit", "remove"];
  assert allow(User{"ana"}, action: String, Workspace{"w1"}) iff action in ["view", "edit"];
}

test "owners are members" {
  setup {
    has_role(User{"ben"}, "owner", Workspace{"w1"});
  }
  assert has_role(User{"ben"}, "member", Workspace{"w1"});
}
