test fixture acme_people {
  has_role(User{"ana"}, "admin", Org{"acme"});
  has_role(User{"bo"}, "member", Org{"acme"});
}

test "admins do everything members do" {
  setup {
    fixture acme_people;
    has_relation(Project{"p1"}, "org", Org{"acme"});
  }
  assert allow(User{"ana"}, "read", Org{"acme"});
  assert_not allow(User{"bo"}, "configure", Project{"p1"});
  assert allow(User{"bo"}, action: String, Project{"p1"}) iff action in ["view"];
}
