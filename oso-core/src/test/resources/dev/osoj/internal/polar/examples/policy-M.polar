actor User {}
resource Asset {
  roles = ["steward"];
  permissions = ["inspect"];
  "inspect" if "steward";
}
resource Dataset extends Asset {
  permissions = ["query"];
  "query" if "steward";
}
