package dev.osoj.examples.model;

import dev.osoj.hibernate.OsoResource;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** An issue of a repository. */
@Entity
@Table(name = "issues")
@OsoResource("Issue")
public class Issue {
  @Id private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "repository_id")
  private Repository repository;

  private String title;

  private boolean closed;

  /** For Hibernate. */
  protected Issue() {}

  /**
   * Creates an issue.
   *
   * @param id the id
   * @param repository the repository
   * @param title the title
   */
  public Issue(long id, Repository repository, String title) {
    this.id = id;
    this.repository = repository;
    this.title = title;
  }

  /** Returns the id. */
  public Long getId() {
    return id;
  }

  /** Returns the repository. */
  public Repository getRepository() {
    return repository;
  }

  /** Returns the title. */
  public String getTitle() {
    return title;
  }

  /** Returns whether the issue is closed. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "Issue[" + id + " " + title + "]";
  }
}
