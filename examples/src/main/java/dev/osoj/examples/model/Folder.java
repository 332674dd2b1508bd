package dev.osoj.examples.model;

import dev.osoj.hibernate.OsoResource;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A folder: the top folder of a repository, or a folder nested in another. */
@Entity
@Table(name = "folders")
@OsoResource("Folder")
public class Folder {
  @Id private Long id;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "repository_id")
  private Repository repository;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "parent_id")
  private Folder parent;

  private String name;

  /** For Hibernate. */
  protected Folder() {}

  /** Returns the id. */
  public Long getId() {
    return id;
  }

  /** Returns the repository of a top folder, or null. */
  public Repository getRepository() {
    return repository;
  }

  /** Returns the enclosing folder, or null for a top folder. */
  public Folder getParent() {
    return parent;
  }

  /** Returns the name. */
  public String getName() {
    return name;
  }

  @Override
  public String toString() {
    return "Folder[" + id + " " + name + "]";
  }
}
