package dev.osoj.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.examples.GitClub.Facts;
import dev.osoj.examples.fetch.EagerRepository;
import dev.osoj.examples.fetch.NotFoundIgnoreRepository;
import dev.osoj.examples.fetch.OrganizationDirectory;
import dev.osoj.examples.model.Folder;
import dev.osoj.examples.model.Issue;
import dev.osoj.examples.model.Organization;
import dev.osoj.examples.model.Repository;
import dev.osoj.hibernate.OsoHibernate;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.EntityFilterException;
import org.hibernate.Filter;
import org.hibernate.ObjectNotFoundException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the Hibernate filters behave on loads by id, to-one fetches, collections and context switches
 * (H2).
 *
 * <p>The fetch-plan tests use bob, who reads the public repository docs (12) but not its
 * organization acme (1), nor acme's repository rockets (11).
 */
class HibernateFiltersTest {
  private static final Value ALICE = new Value("User", "alice");
  private static final Value BOB = new Value("User", "bob");

  private static GitClub database;
  private static GitClub memory;

  /** The GitClub entities plus the test-only fetch plans, over the {@link #database} data. */
  private static SessionFactory fetchPlans;

  /** The same over the {@link #memory} data, whose filters are id lists. */
  private static SessionFactory memoryFetchPlans;

  @BeforeAll
  static void start() throws Exception {
    DataSource dataSource = Databases.H2.fresh();
    database = GitClub.start(dataSource, Databases.H2.dialect(), Facts.DATABASE);
    DataSource memoryDataSource = Databases.H2.fresh();
    memory = GitClub.start(memoryDataSource, Databases.H2.dialect(), Facts.MEMORY);
    fetchPlans = fetchPlans(dataSource, database.oso());
    memoryFetchPlans = fetchPlans(memoryDataSource, memory.oso());
  }

  private static SessionFactory fetchPlans(DataSource dataSource, Oso oso) {
    return new MetadataSources(
            new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(OsoHibernate.OSO, oso)
                .build())
        .addAnnotatedClass(Organization.class)
        .addAnnotatedClass(Repository.class)
        .addAnnotatedClass(Issue.class)
        .addAnnotatedClass(Folder.class)
        .addAnnotatedClass(EagerRepository.class)
        .addAnnotatedClass(OrganizationDirectory.class)
        .addAnnotatedClass(NotFoundIgnoreRepository.class)
        .buildMetadata()
        .buildSessionFactory();
  }

  @AfterAll
  static void stop() {
    fetchPlans.close();
    memoryFetchPlans.close();
    database.close();
    memory.close();
  }

  /** Opens a session on {@link #fetchPlans} with bob's read filters enabled. */
  private static Session bobReading() {
    Session session = fetchPlans.openSession();
    OsoHibernate.enable(session, database.oso(), BOB, "read");
    return session;
  }

  private static List<String> enabledOsoFilters(Session session) {
    return session.getSessionFactory().getDefinedFilterNames().stream()
        .filter(n -> n.startsWith("oso_") && session.getEnabledFilter(n) != null)
        .sorted()
        .toList();
  }

  @Test
  void enable_factsInTheDatabase_usesTheFilterCompiledAtBootstrap() {
    try (Session session = database.sessions().openSession()) {
      OsoHibernate.enable(session, database.oso(), BOB, "read");

      assertThat(enabledOsoFilters(session)).contains("oso_Repository__User__read");
      assertThat(enabledOsoFilters(session)).noneMatch(n -> n.startsWith("oso_ids__"));
    }
  }

  @Test
  void enable_factsInMemory_fallsBackToAnIdList() {
    try (Session session = memory.sessions().openSession()) {
      OsoHibernate.enable(session, memory.oso(), BOB, "read");
      Filter ids = session.getEnabledFilter("oso_ids__Repository");

      assertThat(ids).isNotNull();
      assertThat(
              session
                  .createSelectionQuery("select r.id from Repository r order by r.id", Long.class)
                  .list())
          .containsExactly(10L, 12L, 20L, 21L);
    }
  }

  @Test
  void find_unauthorizedId_returnsNull() {
    try (Session session = database.sessions().openSession()) {
      OsoHibernate.enable(session, database.oso(), BOB, "read");

      assertThat(session.find(Repository.class, 11L)).isNull();
      assertThat(session.find(Repository.class, 10L)).isNotNull();
    }
  }

  @Test
  void enable_otherActorAfterLoading_isRefused() {
    try (Session session = database.sessions().openSession()) {
      OsoHibernate.enable(session, database.oso(), BOB, "read");
      session.find(Repository.class, 10L);

      assertThatThrownBy(() -> OsoHibernate.enable(session, database.oso(), ALICE, "read"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("User:bob read")
          .hasMessageContaining("User:alice read");
    }
  }

  @Test
  void enable_otherActorBeforeLoading_switches() {
    try (Session session = database.sessions().openSession()) {
      OsoHibernate.enable(session, database.oso(), BOB, "read");
      OsoHibernate.enable(session, database.oso(), ALICE, "write");

      assertThat(
              session
                  .createSelectionQuery("select r.id from Repository r order by r.id", Long.class)
                  .list())
          .containsExactly(10L, 11L, 12L);
    }
  }

  @Test
  void enable_sameContextTwice_isAccepted() {
    try (Session session = database.sessions().openSession()) {
      OsoHibernate.enable(session, database.oso(), BOB, "read");
      session.find(Repository.class, 10L);

      OsoHibernate.enable(session, database.oso(), BOB, "read");

      assertThat(session.find(Repository.class, 20L)).isNotNull();
    }
  }

  @Test
  void toOneFetch_targetFilteredOut_failsInsteadOfReturningNull() {
    try (Session session = database.sessions().openSession()) {
      OsoHibernate.enable(session, database.oso(), BOB, "read");
      // bob reads the public repository docs (12) but not its organization acme (1)
      Repository docs = session.find(Repository.class, 12L);

      assertThat(docs).isNotNull();
      assertThatThrownBy(() -> docs.getOrganization().getName())
          .isInstanceOf(ObjectNotFoundException.class);
    }
  }

  @Test
  void query_joinFetchOfAuthorizedParent_returnsOnlyAuthorizedChildren() {
    try (Session session = database.sessions().openSession()) {
      OsoHibernate.enable(session, database.oso(), ALICE, "read");

      List<Issue> issues =
          session
              .createSelectionQuery(
                  "from Issue i join fetch i.repository order by i.id", Issue.class)
              .list();

      assertThat(issues).extracting(Issue::getId).containsExactly(100L, 101L, 102L, 104L);
    }
  }

  // (a) an eager to-one fetched by a query

  @Test
  void eagerToOneQuery_targetFilteredOut_secondarySelectThrowsEntityFilterException() {
    try (Session session = bobReading()) {
      assertThatThrownBy(
              () ->
                  session
                      .createSelectionQuery(
                          "from EagerRepository order by id", EagerRepository.class)
                      .list())
          .isInstanceOf(EntityFilterException.class)
          .hasMessageContaining("Organization")
          .hasMessageContaining("`1`");
    }
  }

  @Test
  void eagerToOneQuery_innerJoinFetchOfFilteredTarget_dropsTheVisibleOwner() {
    try (Session session = bobReading()) {
      List<EagerRepository> repositories =
          session
              .createSelectionQuery(
                  "from EagerRepository r join fetch r.organization order by r.id",
                  EagerRepository.class)
              .list();

      // docs (12) is readable, but its organization is not: the inner join loses it silently
      assertThat(repositories).extracting(EagerRepository::getId).containsExactly(20L, 21L);
      assertThat(repositories)
          .extracting(r -> r.getOrganization() == null ? null : r.getOrganization().getId())
          .containsExactly(2L, 2L);
    }
  }

  @Test
  void eagerToOneQuery_leftJoinFetchOfFilteredTarget_throwsEntityFilterException() {
    try (Session session = bobReading()) {
      assertThatThrownBy(
              () ->
                  session
                      .createSelectionQuery(
                          "from EagerRepository r left join fetch r.organization order by r.id",
                          EagerRepository.class)
                      .list())
          .isInstanceOf(EntityFilterException.class);
    }
  }

  @Test
  void eagerToOneQuery_queryNotReachingAHiddenTarget_loadsTheVisibleTarget() {
    try (Session session = bobReading()) {
      List<EagerRepository> repositories =
          session
              .createSelectionQuery(
                  "from EagerRepository r where r.id >= 20 order by r.id", EagerRepository.class)
              .list();

      assertThat(repositories)
          .extracting(r -> r.getOrganization() == null ? null : r.getOrganization().getName())
          .containsExactly("globex", "globex");
    }
  }

  // (b) an eager to-one loaded by find of the owning entity

  @Test
  void eagerToOneFind_targetFilteredOut_throwsEntityFilterException() {
    try (Session session = bobReading()) {
      assertThatThrownBy(() -> session.find(EagerRepository.class, 12L))
          .isInstanceOf(EntityFilterException.class)
          .hasMessageContaining("EagerRepository.organization");
    }
  }

  @Test
  void eagerToOneFind_hiddenOwner_returnsNullWithoutLoadingTheTarget() {
    try (Session session = bobReading()) {
      assertThat(session.find(EagerRepository.class, 11L)).isNull();
    }
  }

  @Test
  void eagerToOneWithNotFoundIgnore_targetFilteredOut_readsAsNull() {
    try (Session session = bobReading()) {
      NotFoundIgnoreRepository docs = session.find(NotFoundIgnoreRepository.class, 12L);
      List<NotFoundIgnoreRepository> all =
          session
              .createSelectionQuery(
                  "from NotFoundIgnoreRepository order by id", NotFoundIgnoreRepository.class)
              .list();

      assertThat(docs).isNotNull();
      assertThat(docs.getOrganization()).isNull();
      assertThat(all)
          .extracting(
              r ->
                  r.getId()
                      + ":"
                      + (r.getOrganization() == null ? null : r.getOrganization().getName()))
          .containsExactly("10:null", "12:null", "20:globex", "21:globex");
    }
  }

  // (c) a one-to-many collection of a visible parent

  @Test
  void oneToManyLazyLoad_hiddenChildren_areFilteredOut() {
    try (Session session = bobReading()) {
      OrganizationDirectory acme = session.find(OrganizationDirectory.class, 1L);

      // rockets (11) is hidden from bob: the contributor puts the filters on the collection too
      assertThat(acme.getRepositories()).extracting(Repository::getId).containsExactly(10L, 12L);
      assertThat(session.find(Repository.class, 11L)).isNull();
    }
  }

  @Test
  void oneToManyJoinFetch_hiddenChildren_areFilteredOut() {
    try (Session session = bobReading()) {
      OrganizationDirectory acme =
          session
              .createSelectionQuery(
                  "from OrganizationDirectory o left join fetch o.repositories where o.id = 1",
                  OrganizationDirectory.class)
              .getSingleResult();

      assertThat(acme.getRepositories()).extracting(Repository::getId).containsExactly(10L, 12L);
    }
  }

  @Test
  void oneToManyLazyLoad_idListFallback_filtersOutHiddenChildren() {
    try (Session session = memoryFetchPlans.openSession()) {
      OsoHibernate.enable(session, memory.oso(), BOB, "read");
      OrganizationDirectory acme = session.find(OrganizationDirectory.class, 1L);

      assertThat(session.getEnabledFilter("oso_ids__Repository")).isNotNull();
      assertThat(acme.getRepositories()).extracting(Repository::getId).containsExactly(10L, 12L);
    }
  }
}
