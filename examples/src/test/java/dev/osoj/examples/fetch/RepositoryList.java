package dev.osoj.examples.fetch;

import dev.osoj.examples.model.Repository;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's list of repositories (not a resource, so unfiltered), holding repositories (a filtered
 * resource) as a lazy many-to-many collection through the join table {@code repository_list_items}.
 */
@Entity(name = "RepositoryList")
@Table(name = "repository_lists")
public class RepositoryList {
  @Id private Long id;

  private String name;

  @ManyToMany(fetch = FetchType.LAZY)
  @JoinTable(
      name = "repository_list_items",
      joinColumns = @JoinColumn(name = "list_id"),
      inverseJoinColumns = @JoinColumn(name = "repository_id"))
  @OrderBy("id")
  private List<Repository> repositories = new ArrayList<>();

  /** For Hibernate. */
  protected RepositoryList() {
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
