actor User {}

resource Organization {
  roles = ["member"];
  permissions = ["read"];
  "read" if "member";
}

test "members cannot read, which is wrong" {
  setup {
    has_role(User{"ada"}, "member", Organization{"acme"});
  }
  assert_not allow(User{"ada"}, "read", Organization{"acme"});
}
