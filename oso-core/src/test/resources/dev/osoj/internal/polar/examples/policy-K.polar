actor User {}
actor Team {}
resource Repo {
  roles = ["reader", "writer"];
  permissions = ["pull", "push"];
  "reader" if "writer";
  "pull" if "reader";
  "push" if "writer";
}
has_role(user: User, role: String, repo: Repo) if
  team matches Team and
  member_of(user, team) and
  has_role(team, role, repo);
member_of(user: User, team: Team) if
  inner matches Team and
  member_of(user, inner) and
  subteam_of(inner, team);
