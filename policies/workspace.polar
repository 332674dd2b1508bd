# Workspaces with role implication (polar.md §8, policy A) and the
# decision table of its worked examples written as Polar tests.

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

test fixture w1_members {
  has_role(User{"ana"}, "guest", Workspace{"w1"});
  has_role(User{"ben"}, "owner", Workspace{"w1"});
}

test "owners can do everything, guests only view" {
  setup {
    fixture w1_members;
  }
  assert allow(User{"ben"}, action: String, Workspace{"w1"})
    iff action in ["view", "edit", "remove"];
  assert allow(User{"ana"}, action: String, Workspace{"w1"})
    iff action in ["view"];
  assert has_role(User{"ben"}, "guest", Workspace{"w1"});
}

test "roles are per workspace and ids are case-sensitive" {
  setup {
    fixture w1_members;
    has_role(User{"Ana"}, "editor", Workspace{"w2"});
  }
  assert_not allow(User{"ana"}, "view", Workspace{"w2"});
  assert_not allow(User{"ben"}, "view", Workspace{"w2"});
  assert allow(User{"Ana"}, "edit", Workspace{"w2"});
  assert_not allow(User{"ana"}, "edit", Workspace{"w2"});
  assert_not allow(User{"ben"}, "archive", Workspace{"w1"});
}
