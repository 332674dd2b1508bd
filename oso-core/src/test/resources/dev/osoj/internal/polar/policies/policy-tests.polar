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
