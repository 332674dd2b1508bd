package dev.osoj.examples.model;

import dev.osoj.hibernate.OsoAttribute;
import dev.osoj.hibernate.OsoResource;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A repository of an organization, possibly public. */
@Entity
@Table(name = "repositories")
@OsoResource("Repository")
public class Repository {
  @Id private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "organization_id")
  private Organization organization;

  private String name;

  @OsoAttribute
  @Column(name = "is_public")
  private boolean isPublic;

  /** For Hibernate. */
  protected Repository() {}

  /**
   * Creates a repository.
   *
   * @param id the id
   * @param organization the owning organization
   * @param name the name
   * @param isPublic whether everyone may read it
   */
  public Repository(long id, Organization organization, String name, boolean isPublic) {
    this.id = id;
    this.organization = organization;
    this.name = name;
    this.isPublic = isPublic;
  }

  /** Returns the id. */
  public Long getId() {
    return id;
  }

  /** Returns the owning organization. */
  public Organization getOrganization() {
    return organization;
  }

  /** Returns the name. */
  public String getName() {
    return name;
  }

  /** Returns whether everyone may read it. */
  public boolean isPublic() {
    return isPublic;
  }

  @Override
  public String toString() {
    return "Repository[" + id + " " + name + (isPublic ? " public" : "") + "]";
  }
}
