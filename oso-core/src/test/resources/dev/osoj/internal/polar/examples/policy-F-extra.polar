allow(user: User, action: String, forum: Forum) if
  has_permission(user, action, forum) and
  not is_suspended_in(user, forum);
