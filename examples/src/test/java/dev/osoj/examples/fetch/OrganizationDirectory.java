package dev.osoj.examples.fetch;

import dev.osoj.examples.model.Repository;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code organizations} table, unfiltered (every row visible), with its repositories (a
 * filtered resource) as a lazy one-to-many collection.
 */
@Entity(name = "OrganizationDirectory")
@Table(name = "organizations")
public class OrganizationDirectory {
  @Id private Long id;

  private String name;

  @OneToMany(fetch = FetchType.LAZY)
  @JoinColumn(name = "organization_id", insertable = false, updatable = false)
  @OrderBy("id")
  private List<Repository> repositories = new ArrayList<>();

  /** For Hibernate. */
  protected OrganizationDirectory() {
    id = 0L;
    name = "";
  }

  /** Returns the id. */
  public Long getId() {
    return id;
  }

  /** Returns the name. */
  public String getName() {
    return name;
  }

  /** Returns the repositories as Hibernate loaded them. */
  public List<Repository> getRepositories() {
    return repositories;
  }
}
