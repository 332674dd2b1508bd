package dev.osoj.examples.fetch;

import dev.osoj.examples.model.Organization;
import dev.osoj.hibernate.OsoResource;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.NotFound;
import org.hibernate.annotations.NotFoundAction;
import org.jspecify.annotations.Nullable;

/**
 * The {@code repositories} table with its organization fetched eagerly and marked
 * {@code @NotFound(IGNORE)}, so a missing (or filtered) organization reads as null.
 */
@Entity(name = "NotFoundIgnoreRepository")
@Table(name = "repositories")
@OsoResource("Repository")
public class NotFoundIgnoreRepository {
  @Id private Long id;

  @ManyToOne(fetch = FetchType.EAGER)
  @NotFound(action = NotFoundAction.IGNORE)
  @JoinColumn(name = "organization_id", insertable = false, updatable = false)
  private @Nullable Organization organization;

  private String name;

  /** For Hibernate. */
  protected NotFoundIgnoreRepository() {
    id = 0L;
    name = "";
  }

  /** Returns the id. */
  public Long getId() {
    return id;
  }

  /** Returns the organization as Hibernate loaded it. */
  public @Nullable Organization getOrganization() {
    return organization;
  }

  /** Returns the name. */
  public String getName() {
    return name;
  }
}
