actor User {}
resource Vault {
  roles = ["holder"];
  permissions = ["open", "bulk_withdraw"];
  "open" if "holder";
}
has_role(user: User, "holder", vault: Vault) if
  until matches Integer and
  has_role_until(user, "holder", vault, until) and
  until > @current_unix_time;
has_permission(user: User, "bulk_withdraw", vault: Vault) if
  has_role(user, "holder", vault) and
  limit matches Integer and
  withdrawal_limit(vault, limit) and
  limit >= 10000;
