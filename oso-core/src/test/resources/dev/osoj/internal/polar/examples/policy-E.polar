actor User {}
resource Article {
  roles = ["author"];
  permissions = ["read", "edit", "publish"];
  "edit" if "author";
  "read" if "author";
  "read" if is_public(resource);
  "publish" if "author" and has_status(resource, "approved");
}
has_permission(_: User, "read", article: Article) if
  is_archived(article, false) and
  has_status(article, "featured");
