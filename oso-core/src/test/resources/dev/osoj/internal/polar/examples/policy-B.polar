actor User {}
resource Company {
  roles = ["staff", "admin"];
  permissions = ["read_company"];
  "read_company" if "staff";
  "staff" if "admin";
}
resource Project {
  roles = ["contributor", "lead"];
  permissions = ["read", "write", "archive"];
  relations = { company: Company };
  "contributor" if "staff" on "company";
  "lead" if "admin" on "company";
  "contributor" if "lead";
  "read" if "contributor";
  "write" if "contributor";
  "archive" if "lead";
}
