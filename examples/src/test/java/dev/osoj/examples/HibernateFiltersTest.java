package dev.osoj.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Value;
import dev.osoj.examples.GitClub.Facts;
import dev.osoj.examples.model.Issue;
import dev.osoj.examples.model.Repository;
import dev.osoj.hibernate.OsoHibernate;
import java.util.List;
import org.hibernate.Filter;
import org.hibernate.ObjectNotFoundException;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the Hibernate filters behave on loads by id, to-one fetches and context switches (H2). */
class HibernateFiltersTest {
  private static final Value ALICE = new Value("User", "alice");
  private static final Value BOB = new Value("User", "bob");

  private static GitClub database;
  private static GitClub memory;

  @BeforeAll
  static void start() throws Exception {
    database = GitClub.start(Databases.H2.fresh(), Databases.H2.dialect(), Facts.DATABASE);
    memory = GitClub.start(Databases.H2.fresh(), Databases.H2.dialect(), Facts.MEMORY);
  }

  @AfterAll
  static void stop() {
    database.close();
    memory.close();
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
}
