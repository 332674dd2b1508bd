# A test for the workspace policy of passing-tests.polar, kept in a file of its own.
test "members edit" {
  setup {
    has_role(User{"cy"}, "member", Workspace{"w1"});
  }
  assert allow(User{"cy"}, "edit", Workspace{"w1"});
  assert_not allow(User{"cy"}, "remove", Workspace{"w1"});
}
