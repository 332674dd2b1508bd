actor User {}
resource Drive {
  roles = ["reader", "manager"];
}
resource Folder {
  roles = ["reader", "writer"];
  permissions = ["open", "upload"];
  relations = { drive: Drive, parent: Folder };
  "reader" if "reader" on "drive";
  "writer" if "manager" on "drive";
  role if role on "parent";
  "reader" if "writer";
  "open" if "reader";
  "upload" if "writer";
}
resource Doc {
  roles = ["reader", "writer"];
  permissions = ["open", "edit"];
  relations = { folder: Folder };
  role if role on "folder";
  "reader" if "writer";
  "open" if "reader";
  "edit" if "writer";
}
