actor User {}
resource Forum {
  roles = ["member", "moderator"];
  permissions = ["post", "view"];
  "member" if "moderator";
  "view" if "member";
}
has_permission(user: User, "post", forum: Forum) if
  has_role(user, "member", forum) and
  not is_banned(user);
