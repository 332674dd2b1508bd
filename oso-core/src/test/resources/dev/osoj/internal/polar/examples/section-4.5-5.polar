resource Doc {
  roles = ["reader"];
  permissions = ["read", "share"];
  "read" if is_public(resource);
  "share" if "reader" and not_locked_flag(resource, false);
  "read" if "reader" or has_label(resource, "open");
}
