package dev.osoj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.examples.fetch.OrganizationDirectory;
import dev.osoj.examples.model.Folder;
import dev.osoj.examples.model.Issue;
import dev.osoj.examples.model.Organization;
import dev.osoj.examples.model.Repository;
import dev.osoj.hibernate.OsoHibernate;
import dev.osoj.sql.LocalBindings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The filters {@link OsoHibernate} compiles when the facts stay in the application's tables (local
 * bindings derived from the mapping): a way of being authorized that reads the entity's own table
 * becomes a condition on the entity's row ({@code {alias}.is_public}) rather than a second scan of
 * the table, and every road gives the rows of the evaluator, for hostile user ids too, in pages,
 * counts, joins and one-to-many collections, on H2 and PostgreSQL.
 */
class HibernateTableAwareTest {
  /** Users beyond the seeded alice, bob and carol: quotes, LIKE wildcards, a backslash, unicode. */
  private static final List<String> HOSTILE =
      List.of("x' OR '1'='1", "100%", "a_b", "back\\slash", "O'Brien\"", "ünï 名前");

  private static void addHostileUsers(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      for (int i = 0; i < HOSTILE.size(); i++) {
        String user = HOSTILE.get(i);
        insert(c, "INSERT INTO users VALUES (?, ?)", user, "hostile " + i);
        if (i % 3 != 2) {
          insert(
              c,
              "INSERT INTO org_roles VALUES (?, ?, ?)",
              user,
              i % 2 == 0 ? "member" : "owner",
              1L + i % 2);
        }
        insert(
            c,
            "INSERT INTO repo_roles VALUES (?, ?, ?)",
            user,
            i % 2 == 0 ? "reader" : "maintainer",
            List.of(10L, 11L, 20L).get(i % 3));
      }
    }
  }

  private static void insert(Connection c, String sql, Object... values) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      ps.executeUpdate();
    }
  }

  private static SessionFactory sessions(DataSource ds, Oso oso, List<String> statements) {
    StatementInspector inspector =
        sql -> {
          statements.add(sql);
          return sql;
        };
    return new MetadataSources(
            new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds)
                .applySetting(OsoHibernate.OSO, oso)
                .applySetting(AvailableSettings.STATEMENT_INSPECTOR, inspector)
                .build())
        .addAnnotatedClass(Organization.class)
        .addAnnotatedClass(Repository.class)
        .addAnnotatedClass(Issue.class)
        .addAnnotatedClass(Folder.class)
        .addAnnotatedClass(OrganizationDirectory.class)
        .buildMetadata()
        .buildSessionFactory();
  }

  private static List<Long> sorted(List<String> ids) {
    return ids.stream().map(Long::valueOf).sorted().toList();
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void compiledFilters_conditionOnTheEntityRow_sameRowsAsTheEvaluator(Databases db)
      throws Exception {
    DataSource ds = db.fresh();
    GitClubDatabase.createAndSeed(ds);
    addHostileUsers(ds);
    LocalBindings bindings =
        OsoHibernate.bindings(GitClub.metadata(ds, null))
            .fact("has_role(User:_, String:_, Organization:_)", LocalBindingsTest.ORG_ROLES)
            .fact("has_role(User:_, String:_, Repository:_)", LocalBindingsTest.REPO_ROLES)
            .sqlType("User", "text")
            .build();
    List<String> statements = new CopyOnWriteArrayList<>();
    try (Oso oso =
            Oso.embedded()
                .policy(GitClub.policy())
                .localBindings(bindings)
                .sqlDialect(db.dialect())
                .build();
        Oso memory = Oso.embedded().policy(GitClub.policy()).build();
        SessionFactory sessions = sessions(ds, oso, statements)) {
      GitClubFacts.read(ds).forEach(memory::insert);
      SessionFactoryImplementor factory = sessions.unwrap(SessionFactoryImplementor.class);
      String repoCondition =
          factory.getFilterDefinition("oso_Repository__User__read").getDefaultFilterCondition();
      String orgCondition =
          factory.getFilterDefinition("oso_Organization__User__read").getDefaultFilterCondition();

      assertThat(repoCondition)
          .contains("{alias}.is_public")
          .contains("{alias}.organization_id IN (SELECT")
          .doesNotContainPattern("repositories b[0-9]");
      // no binding reads organizations by id: the column form, as before
      assertThat(orgCondition).startsWith("{alias}.id IN (").doesNotContain("{alias}.name");

      for (String name : concat(List.of("alice", "bob", "carol", "nobody"), HOSTILE)) {
        Value user = new Value("User", name);
        List<Long> repos = sorted(memory.list(user, "read", "Repository"));
        List<Long> descending = new java.util.ArrayList<>(repos);
        java.util.Collections.reverse(descending);
        List<Long> issues = sorted(memory.list(user, "read", "Issue"));
        List<Long> orgs = sorted(memory.list(user, "read", "Organization"));
        try (Session session = sessions.openSession()) {
          OsoHibernate.enable(session, oso, user, "read");
          statements.clear();

          assertThat(session.getEnabledFilter("oso_Repository__User__read")).as(name).isNotNull();
          assertThat(session.getEnabledFilter("oso_ids__Repository")).as(name).isNull();
          assertThat(
                  session
                      .createSelectionQuery(
                          "select r.id from Repository r order by r.id desc", Long.class)
                      .setFirstResult(1)
                      .setMaxResults(2)
                      .list())
              .as(name)
              .isEqualTo(descending.subList(Math.min(1, repos.size()), Math.min(3, repos.size())));
          assertThat(statements.get(0))
              .as("the page's SQL")
              .containsPattern("[a-z][0-9]+_[0-9]+\\.is_public")
              .doesNotContain(name);
          assertThat(
                  session
                      .createSelectionQuery("select count(r) from Repository r", Long.class)
                      .getSingleResult())
              .as(name)
              .isEqualTo(repos.size());
          assertThat(
                  session
                      .createSelectionQuery(
                          "select i.id from Issue i join i.repository r"
                              + " where r.name <> 'none' order by i.id",
                          Long.class)
                      .list())
              .as(name)
              .isEqualTo(issues);
          assertThat(
                  session
                      .createSelectionQuery(
                          "select o.id from Organization o order by o.id", Long.class)
                      .list())
              .as(name)
              .isEqualTo(orgs);
          // a one-to-many collection carries the same condition on the child's row
          List<Long> acmeRepos = repos.stream().filter(id -> id >= 10 && id <= 12).toList();
          assertThat(session.find(OrganizationDirectory.class, 1L).getRepositories())
              .as(name)
              .extracting(Repository::getId)
              .containsExactlyElementsOf(acmeRepos);
          session.clear();
          assertThat(
                  session
                      .createSelectionQuery(
                          "from OrganizationDirectory o left join fetch o.repositories"
                              + " where o.id = 1",
                          OrganizationDirectory.class)
                      .getSingleResult()
                      .getRepositories())
              .as(name)
              .extracting(Repository::getId)
              .containsExactlyElementsOf(acmeRepos);
        }
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
