package dev.osoj.examples;

import dev.osoj.Oso;
import dev.osoj.examples.model.Folder;
import dev.osoj.examples.model.Issue;
import dev.osoj.examples.model.Organization;
import dev.osoj.examples.model.Repository;
import dev.osoj.hibernate.OsoHibernate;
import dev.osoj.sql.LocalBindings;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlType;
import dev.osoj.store.JdbcFactStore;
import dev.osoj.store.MemoryFactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The GitClub application's wiring: the database, an {@link Oso} over the GitClub policy, a jOOQ
 * context and a Hibernate session factory whose entities carry authorization filters.
 */
public final class GitClub implements AutoCloseable {
  /** Where the Oso instance keeps its facts. */
  public enum Facts {
    /** In the JVM ({@link MemoryFactStore}); filters carry the relevant facts as bound values. */
    MEMORY,
    /** In the managed fact table of the application's database ({@link JdbcFactStore}). */
    DATABASE
  }

  private final Oso oso;
  private final DSLContext jooq;
  private final GitClubTables tables;
  private final SessionFactory sessions;

  private GitClub(Oso oso, DSLContext jooq, GitClubTables tables, SessionFactory sessions) {
    this.oso = oso;
    this.jooq = jooq;
    this.tables = tables;
    this.sessions = sessions;
  }

  /**
   * Creates the schema, seeds it, loads the policy and the facts, and builds the jOOQ context and
   * the Hibernate session factory.
   *
   * @param dataSource the database (H2 or PostgreSQL)
   * @param dialect its dialect
   * @param facts where Oso keeps its facts
   * @return the application
   * @throws SQLException if the database refuses the schema or the data
   */
  public static GitClub start(DataSource dataSource, SqlDialect dialect, Facts facts)
      throws SQLException {
    GitClubDatabase.createAndSeed(dataSource);
    Oso oso =
        Oso.embedded()
            .policy(policy())
            .factStore(
                facts == Facts.DATABASE
                    ? new JdbcFactStore(dataSource, dialect)
                    : new MemoryFactStore())
            .localBindings(idTypes())
            .build();
    oso.batch(tx -> readFacts(dataSource).forEach(tx::insert));
    DSLContext jooq =
        DSL.using(dataSource, dialect == SqlDialect.H2 ? SQLDialect.H2 : SQLDialect.POSTGRES);
    return new GitClub(oso, jooq, GitClubTables.read(jooq), sessionFactory(dataSource, oso));
  }

  /** The SQL types of the id columns, so filters compare ids without casting the app's columns. */
  private static LocalBindings idTypes() {
    LocalBindings.Builder b = LocalBindings.builder().sqlType("User", SqlType.TEXT);
    for (String type : List.of("Organization", "Repository", "Issue", "Folder")) {
      b.sqlType(type, SqlType.BIGINT);
    }
    return b.build();
  }

  private static List<dev.osoj.Fact> readFacts(DataSource dataSource) {
    try {
      return GitClubFacts.read(dataSource);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the GitClub facts", e);
    }
  }

  /**
   * Returns the text of the GitClub policy.
   *
   * @return the Polar source
   */
  public static String policy() {
    try (InputStream in = GitClub.class.getResourceAsStream("/gitclub.polar")) {
      if (in == null) {
        throw new IllegalStateException("resource '/gitclub.polar' is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Builds the Hibernate metadata of the GitClub entities.
   *
   * @param dataSource the database
   * @param oso the instance to compile filters from, or null for none
   * @return the metadata
   */
  public static Metadata metadata(DataSource dataSource, @Nullable Oso oso) {
    StandardServiceRegistryBuilder registry =
        new StandardServiceRegistryBuilder()
            .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
    if (oso != null) {
      registry.applySetting(OsoHibernate.OSO, oso);
    }
    return new MetadataSources(registry.build())
        .addAnnotatedClass(Organization.class)
        .addAnnotatedClass(Repository.class)
        .addAnnotatedClass(Issue.class)
        .addAnnotatedClass(Folder.class)
        .buildMetadata();
  }

  private static SessionFactory sessionFactory(DataSource dataSource, Oso oso) {
    return metadata(dataSource, oso).buildSessionFactory();
  }

  /** Returns the authorization engine. */
  public Oso oso() {
    return oso;
  }

  /** Returns the jOOQ context. */
  public DSLContext jooq() {
    return jooq;
  }

  /** Returns the tables as jOOQ sees them. */
  public GitClubTables tables() {
    return tables;
  }

  /** Returns the Hibernate session factory. */
  public SessionFactory sessions() {
    return sessions;
  }

  @Override
  public void close() {
    sessions.close();
    oso.close();
  }
}
