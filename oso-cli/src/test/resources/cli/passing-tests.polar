# A workspace policy whose tests all pass.
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

test fixture people {
  has_role(User{"ana"}, "guest", Workspace{"w1"});
  has_role(User{"ben"}, "owner", Workspace{"w1"});
}

test "guests view" {
  setup {
    fixture people;
  }
  assert allow(User{"ana"}, "view", Workspace{"w1"});
  assert_not allow(User{"ana"}, "edit", Workspace{"w1"});
}

test "owners do everything" {
  setup {
    fixture people;
  }
  assert allow(User{"ben"}, action: String, Workspace{"w1"}) iff action in ["view", "edit", "remove"];
}
