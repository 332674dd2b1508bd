package dev.osoj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Value;
import dev.osoj.examples.GitClub.Facts;
import dev.osoj.examples.fetch.RepositoryList;
import dev.osoj.examples.model.Folder;
import dev.osoj.examples.model.Issue;
import dev.osoj.examples.model.Organization;
import dev.osoj.examples.model.Repository;
import dev.osoj.hibernate.OsoHibernate;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code @ManyToMany} collection whose elements are a resource entity holds only the elements the
 * session's actor may see, loaded lazily or by {@code join fetch}, with the compiled filter (facts
 * in the database) and with the id-list fallback (facts in memory), on H2 and PostgreSQL.
 *
 * <p>The list holds anvil (10), rockets (11) and docs (12); bob reads anvil and docs but not
 * rockets, alice reads all three.
 */
class HibernateManyToManyTest {
  private static final Value ALICE = new Value("User", "alice");
  private static final Value BOB = new Value("User", "bob");

  @ParameterizedTest(name = "{0}, facts {1}")
  @MethodSource("dev.osoj.examples.GitClubConsistencyTest#setups")
  void manyToMany_holdsOnlyVisibleElements(Databases db, Facts facts) throws Exception {
    DataSource dataSource = db.fresh();
    try (GitClub gitClub = GitClub.start(dataSource, db.dialect(), facts);
        SessionFactory sessions = sessions(dataSource, gitClub)) {
      addRepositoryList(dataSource);

      try (Session session = sessions.openSession()) {
        OsoHibernate.enable(session, gitClub.oso(), BOB, "read");
        assertThat(ids(session.find(RepositoryList.class, 1L))).containsExactly(10L, 12L);
        assertThat(session.find(Repository.class, 11L)).isNull();
      }
      try (Session session = sessions.openSession()) {
        OsoHibernate.enable(session, gitClub.oso(), BOB, "read");
        RepositoryList joined =
            session
                .createSelectionQuery(
                    "from RepositoryList l left join fetch l.repositories where l.id = 1",
                    RepositoryList.class)
                .getSingleResult();
        assertThat(ids(joined)).containsExactly(10L, 12L);
      }
      try (Session session = sessions.openSession()) {
        OsoHibernate.enable(session, gitClub.oso(), ALICE, "read");
        assertThat(ids(session.find(RepositoryList.class, 1L))).containsExactly(10L, 11L, 12L);
      }
      try (Session session = sessions.openSession()) {
        // no filter enabled: the mapping itself is unchanged
        assertThat(ids(session.find(RepositoryList.class, 1L))).containsExactly(10L, 11L, 12L);
      }
    }
  }

  private static List<Long> ids(RepositoryList list) {
    return list.getRepositories().stream().map(Repository::getId).toList();
  }

  private static SessionFactory sessions(DataSource dataSource, GitClub gitClub) {
    return new MetadataSources(
            new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(OsoHibernate.OSO, gitClub.oso())
                .build())
        .addAnnotatedClass(Organization.class)
        .addAnnotatedClass(Repository.class)
        .addAnnotatedClass(Issue.class)
        .addAnnotatedClass(Folder.class)
        .addAnnotatedClass(RepositoryList.class)
        .buildMetadata()
        .buildSessionFactory();
  }

  private static void addRepositoryList(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE repository_lists (id BIGINT PRIMARY KEY, name VARCHAR(100))");
      st.execute("CREATE TABLE repository_list_items (list_id BIGINT, repository_id BIGINT)");
      st.execute("INSERT INTO repository_lists VALUES (1, 'favourites')");
      st.execute("INSERT INTO repository_list_items VALUES (1, 12), (1, 11), (1, 10)");
    }
  }
}
