actor User {}
resource Folder {
  roles = ["reader", "writer", "auditor"];
  permissions = ["read", "write", "share", "audit"];
  relations = { parent: Folder };
  "read" if "reader";
  "write" if "writer";
  "reader" if "writer";
  # a role granted by a permission on the parent: has_role and has_permission call each other
  "reader" if "read" on "parent";
  # a loop that changes the action on its way round (share, writer, audit, auditor, share), so a
  # recursive relation must not be specialised on the action
  "share" if "writer" on "parent";
  "writer" if "audit" on "parent";
  "audit" if "auditor";
  "auditor" if "share" on "parent";
}
