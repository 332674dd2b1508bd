package dev.osoj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Value;
import dev.osoj.examples.GitClub.Facts;
import dev.osoj.hibernate.OsoHibernate;
import dev.osoj.jooq.OsoJooq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same questions through {@code Oso.list}, {@link OsoJooq} and {@link OsoHibernate}, on H2 and
 * PostgreSQL, with facts in memory and in the database: every road returns the same rows, and those
 * rows are the ones the policy implies.
 */
class GitClubConsistencyTest {
  /** One application per database and fact store, shared by the tests (they only read). */
  private static final Map<String, GitClub> APPS = new HashMap<>();

  @AfterAll
  static void closeAll() {
    APPS.values().forEach(GitClub::close);
  }

  private static synchronized GitClub app(Databases db, Facts facts) throws Exception {
    String key = db + "/" + facts;
    GitClub app = APPS.get(key);
    if (app == null) {
      app = GitClub.start(db.fresh(), db.dialect(), facts);
      APPS.put(key, app);
    }
    return app;
  }

  static Stream<Arguments> setups() {
    List<Arguments> out = new ArrayList<>();
    for (Databases db : Databases.values()) {
      for (Facts facts : Facts.values()) {
        out.add(Arguments.of(db, facts));
      }
    }
    return out.stream();
  }

  /** user, action, resource type, entity, table, expected ids. */
  static final Object[][] TABLE = {
    {"alice", "read", "Repository", "repositories", List.of(10L, 11L, 12L, 21L)},
    {"bob", "read", "Repository", "repositories", List.of(10L, 12L, 20L, 21L)},
    {"carol", "read", "Repository", "repositories", List.of(12L, 20L, 21L)},
    {"alice", "write", "Repository", "repositories", List.of(10L, 11L, 12L)},
    {"bob", "write", "Repository", "repositories", List.of()},
    {"carol", "delete", "Repository", "repositories", List.of()},
    {"alice", "read", "Issue", "issues", List.of(100L, 101L, 102L, 104L)},
    {"bob", "read", "Issue", "issues", List.of(100L, 101L, 103L, 104L)},
    {"carol", "close", "Issue", "issues", List.of(103L)},
    {"alice", "read", "Folder", "folders", List.of(1000L, 1001L, 1002L)},
    {"bob", "read", "Folder", "folders", List.of(1000L, 1001L, 1002L, 2000L, 2001L)},
    {"carol", "write", "Folder", "folders", List.of(2000L, 2001L)},
    {"bob", "write", "Folder", "folders", List.of()},
    {"alice", "create_repository", "Organization", "organizations", List.of(1L)},
    {"carol", "read", "Organization", "organizations", List.of()},
  };

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("setups")
  void everyRoad_sameQuestion_sameRows(Databases db, Facts facts) throws Exception {
    GitClub app = app(db, facts);

    for (Object[] row : TABLE) {
      Value user = new Value("User", (String) row[0]);
      String action = (String) row[1];
      String type = (String) row[2];
      String what = user + " " + action + " " + type;

      List<Long> listed = listed(app, user, action, type);
      List<Long> jooq = jooq(app, user, action, table(app, (String) row[3]));
      List<Long> hibernate = hibernate(app, user, action, type);

      assertThat(listed).as("Oso.list: " + what).isEqualTo(row[4]);
      assertThat(jooq).as("OsoJooq: " + what).isEqualTo(row[4]);
      assertThat(hibernate).as("OsoHibernate: " + what).isEqualTo(row[4]);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("setups")
  void pagingAndCounting_filteredInTheDatabase_exact(Databases db, Facts facts) throws Exception {
    GitClub app = app(db, facts);
    Value bob = new Value("User", "bob");
    Table<?> repos = app.tables().repositories;
    Field<Long> id = GitClubTables.column(repos, "id", Long.class);
    Condition authorized = OsoJooq.authorized(app.oso(), bob, "read", id);

    int count = app.jooq().fetchCount(repos, authorized);
    List<Long> secondPage =
        app.jooq()
            .select(id)
            .from(repos)
            .where(authorized)
            .orderBy(id.desc())
            .limit(2)
            .offset(2)
            .fetch(id);
    long hibernateCount;
    List<Long> hibernatePage;
    try (Session session = app.sessions().openSession()) {
      OsoHibernate.enable(session, app.oso(), bob, "read");
      hibernateCount =
          session
              .createSelectionQuery("select count(r) from Repository r", Long.class)
              .getSingleResult();
      hibernatePage =
          session
              .createSelectionQuery("select r.id from Repository r order by r.id desc", Long.class)
              .setFirstResult(2)
              .setMaxResults(2)
              .list();
    }

    assertThat(count).isEqualTo(4);
    assertThat(secondPage).containsExactly(12L, 10L);
    assertThat(hibernateCount).isEqualTo(4);
    assertThat(hibernatePage).containsExactly(12L, 10L);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("setups")
  void jooqJoin_withCallersOwnTables_noDuplicateRows(Databases db, Facts facts) throws Exception {
    GitClub app = app(db, facts);
    Table<?> repos = app.tables().repositories;
    Table<?> issues = app.tables().issues;
    Field<Long> repoId = GitClubTables.column(repos, "id", Long.class);
    Field<Long> issueId = GitClubTables.column(issues, "id", Long.class);
    Field<Long> issueRepo = GitClubTables.column(issues, "repository_id", Long.class);
    Value alice = new Value("User", "alice");

    List<Long> ids =
        app.jooq()
            .select(issueId)
            .from(issues)
            .join(repos)
            .on(issueRepo.eq(repoId))
            .where(OsoJooq.authorized(app.oso(), alice, "read", repoId))
            .and(OsoJooq.authorized(app.oso(), alice, "read", issueId))
            .orderBy(issueId)
            .fetch(issueId);

    assertThat(ids).containsExactly(100L, 101L, 102L, 104L);
  }

  private static List<Long> listed(GitClub app, Value user, String action, String type) {
    return app.oso().list(user, action, type).stream().map(Long::valueOf).sorted().toList();
  }

  private static Table<?> table(GitClub app, String name) {
    return table(app.tables(), name);
  }

  static Table<?> table(GitClubTables t, String name) {
    switch (name) {
      case "repositories":
        return t.repositories;
      case "issues":
        return t.issues;
      case "folders":
        return t.folders;
      case "organizations":
        return t.organizations;
      default:
        throw new AssertionError(name);
    }
  }

  private static List<Long> jooq(GitClub app, Value user, String action, Table<?> table) {
    return jooq(app.jooq(), app.oso(), user, action, table);
  }

  static List<Long> jooq(
      org.jooq.DSLContext ctx, dev.osoj.Oso oso, Value user, String action, Table<?> table) {
    Field<Long> id = GitClubTables.column(table, "id", Long.class);
    return ctx.select(id)
        .from(table)
        .where(OsoJooq.authorized(oso, user, action, id))
        .orderBy(id)
        .fetch(id);
  }

  private static List<Long> hibernate(GitClub app, Value user, String action, String entity) {
    return hibernate(app.sessions(), app.oso(), user, action, entity);
  }

  static List<Long> hibernate(
      org.hibernate.SessionFactory sessions,
      dev.osoj.Oso oso,
      Value user,
      String action,
      String entity) {
    try (Session session = sessions.openSession()) {
      OsoHibernate.enable(session, oso, user, action);
      return session
          .createSelectionQuery("select e.id from " + entity + " e order by e.id", Long.class)
          .list();
    }
  }
}
