package dev.osoj.examples.model;

import dev.osoj.hibernate.OsoResource;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An organization owning repositories. */
@Entity
@Table(name = "organizations")
@OsoResource("Organization")
public class Organization {
  @Id private Long id;

  private String name;

  /** For Hibernate. */
  protected Organization() {}

  /**
   * Creates an organization.
   *
   * @param id the id
   * @param name the name
   */
  public Organization(long id, String name) {
    this.id = id;
    this.name = name;
  }

  /** Returns the id. */
  public Long getId() {
    return id;
  }

  /** Returns the name. */
  public String getName() {
    return name;
  }

  @Override
  public String toString() {
    return "Organization[" + id + " " + name + "]";
  }
}
