CREATE TABLE users (
  id VARCHAR(64) PRIMARY KEY,
  display_name VARCHAR(200) NOT NULL
);
CREATE TABLE organizations (
  id BIGINT PRIMARY KEY,
  name VARCHAR(200) NOT NULL
);
CREATE TABLE repositories (
  id BIGINT PRIMARY KEY,
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  name VARCHAR(200) NOT NULL,
  is_public BOOLEAN NOT NULL
);
CREATE TABLE issues (
  id BIGINT PRIMARY KEY,
  repository_id BIGINT NOT NULL REFERENCES repositories (id),
  title VARCHAR(200) NOT NULL,
  closed BOOLEAN NOT NULL
);
CREATE TABLE folders (
  id BIGINT PRIMARY KEY,
  repository_id BIGINT REFERENCES repositories (id),
  parent_id BIGINT REFERENCES folders (id),
  name VARCHAR(200) NOT NULL
);
CREATE TABLE org_roles (
  user_id VARCHAR(64) NOT NULL REFERENCES users (id),
  role VARCHAR(32) NOT NULL,
  organization_id BIGINT NOT NULL REFERENCES organizations (id),
  PRIMARY KEY (user_id, organization_id)
);
CREATE TABLE repo_roles (
  user_id VARCHAR(64) NOT NULL REFERENCES users (id),
  role VARCHAR(32) NOT NULL,
  repository_id BIGINT NOT NULL REFERENCES repositories (id),
  PRIMARY KEY (user_id, repository_id)
);
CREATE INDEX repositories_org ON repositories (organization_id);
CREATE INDEX issues_repo ON issues (repository_id);
CREATE INDEX folders_parent ON folders (parent_id);
