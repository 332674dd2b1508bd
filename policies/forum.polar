# A discussion forum: negation over stored facts, a custom allow that keeps
# the default alias explicit, time-limited memberships and an integer threshold.

actor User {}

global {
  roles = ["staff"];
}

resource Forum {
  roles = ["member", "moderator"];
  permissions = ["view", "post", "pin", "ban"];

  "member" if "moderator";
  "moderator" if global "staff";

  "view" if "member";
  "view" if is_open(resource, true);
  "pin" if "moderator";
  "ban" if "moderator";
}

# Invitations grant membership until a point in time (seconds since 1970).
has_role(user: User, "member", forum: Forum) if
  until matches Integer and
  member_until(user, forum, until) and
  until > @current_unix_time;

# Posting needs membership, no ban, and enough karma in strict forums.
has_permission(user: User, "post", forum: Forum) if
  has_role(user, "member", forum) and
  not is_banned(user) and
  not is_strict(forum);
has_permission(user: User, "post", forum: Forum) if
  has_role(user, "member", forum) and
  not is_banned(user) and
  is_strict(forum) and
  karma matches Integer and
  has_karma(user, karma) and
  karma >= 100;

# The default alias, written out because a custom allow replaces it,
# plus a forum-wide read-only switch that blocks everything but viewing.
allow(user: User, action: String, forum: Forum) if
  has_permission(user, action, forum) and
  not is_read_only(forum);
allow(user: User, "view", forum: Forum) if
  has_permission(user, "view", forum);

test fixture town_square {
  has_role(User{"mia"}, "member", Forum{"town"});
  has_role(User{"noah"}, "moderator", Forum{"town"});
  has_role(User{"olga"}, "member", Forum{"town"});
  is_banned(User{"olga"});
}

test "members post, banned members only read" {
  setup {
    fixture town_square;
  }
  assert allow(User{"mia"}, "post", Forum{"town"});
  assert_not allow(User{"olga"}, "post", Forum{"town"});
  assert allow(User{"olga"}, "view", Forum{"town"});
  assert allow(User{"noah"}, action: String, Forum{"town"})
    iff action in ["view", "post", "pin", "ban"];
  assert allow(User{"mia"}, action: String, Forum{"town"})
    iff action in ["view", "post"];
}

test "staff moderate every forum" {
  setup {
    has_role(User{"sam"}, "staff");
  }
  assert allow(User{"sam"}, "ban", Forum{"anywhere"});
  assert has_role(User{"sam"}, "member", Forum{"anywhere"});
}

test "invitations expire" {
  setup {
    member_until(User{"pat"}, Forum{"club"}, 4102444800);
    member_until(User{"quin"}, Forum{"club"}, 946684800);
  }
  assert allow(User{"pat"}, "post", Forum{"club"});
  assert_not allow(User{"quin"}, "view", Forum{"club"});
}

test "strict forums need karma" {
  setup {
    is_strict(Forum{"expert"});
    has_role(User{"rita"}, "member", Forum{"expert"});
    has_role(User{"stan"}, "member", Forum{"expert"});
    has_karma(User{"rita"}, 150);
    has_karma(User{"stan"}, 99);
  }
  assert allow(User{"rita"}, "post", Forum{"expert"});
  assert_not allow(User{"stan"}, "post", Forum{"expert"});
  assert allow(User{"stan"}, "view", Forum{"expert"});
}

test "read-only forums can still be viewed" {
  setup {
    fixture town_square;
    is_read_only(Forum{"town"});
    is_open(Forum{"town"}, true);
  }
  assert allow(User{"noah"}, action: String, Forum{"town"})
    iff action in ["view"];
  assert allow(User{"zoe"}, "view", Forum{"town"});
  assert_not allow(User{"mia"}, "post", Forum{"town"});
}
