package dev.osoj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.hibernate.OsoHibernate;
import dev.osoj.jooq.JooqBindings;
import dev.osoj.sql.LocalBindings;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Facts left in the application's tables, read through local bindings derived from jOOQ table
 * metadata and from the Hibernate mapping: the filters give the rows the policy implies.
 */
class LocalBindingsTest {
  // The concatenations make the columns unbounded text: the core SQL renderer keeps varchar(n)
  // binding columns in recursive CTEs as they are, which PostgreSQL rejects next to text.
  static final String ORG_ROLES =
      "SELECT user_id || '', role || '', organization_id FROM org_roles";
  static final String REPO_ROLES =
      "SELECT user_id || '', role || '', repository_id FROM repo_roles";

  /**
   * The decision-table rows to check: all of them on PostgreSQL; on H2, where recursive plans over
   * local bindings take seconds per query (no hash joins; the cycle guard enumerates paths), a
   * repository row and a nested-folder row.
   */
  private static List<Object[]> rows(Databases db) {
    List<Object[]> all = List.of(GitClubConsistencyTest.TABLE);
    return db == Databases.POSTGRES ? all : List.of(all.get(1), all.get(10));
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void jooqBindings_fromTableMetadata_filterLikeThePolicy(Databases db) throws Exception {
    DataSource ds = db.fresh();
    GitClubDatabase.createAndSeed(ds);
    DSLContext ctx =
        DSL.using(ds, db == Databases.H2 ? org.jooq.SQLDialect.H2 : org.jooq.SQLDialect.POSTGRES);
    GitClubTables t = GitClubTables.read(ctx);
    JooqBindings bindings =
        JooqBindings.builder()
            .resource("User", t.users)
            .resource("Organization", t.organizations)
            .resource("Repository", t.repositories)
            .resource("Issue", t.issues)
            .resource("Folder", t.folders)
            .attribute(GitClubTables.column(t.repositories, "is_public", Boolean.class))
            .roles(
                GitClubTables.column(t.orgRoles, "user_id", String.class),
                GitClubTables.column(t.orgRoles, "role", String.class),
                GitClubTables.column(t.orgRoles, "organization_id", Long.class))
            .roles(
                GitClubTables.column(t.repoRoles, "user_id", String.class),
                GitClubTables.column(t.repoRoles, "role", String.class),
                GitClubTables.column(t.repoRoles, "repository_id", Long.class))
            .build();

    try (Oso oso =
        Oso.embedded()
            .policy(GitClub.policy())
            .localBindings(LocalBindings.fromYaml(bindings.toYaml()))
            .sqlDialect(db.dialect())
            .build()) {
      assertThat(bindings.queries().keySet())
          .contains(
              "has_relation(Repository:_, String:organization, Organization:_)",
              "has_relation(Folder:_, String:parent, Folder:_)",
              "is_public(Repository:_)",
              "has_role(User:_, String:_, Organization:_)");
      for (Object[] row : rows(db)) {
        Value user = new Value("User", (String) row[0]);
        Table<?> table = GitClubConsistencyTest.table(t, (String) row[3]);

        assertThat(GitClubConsistencyTest.jooq(ctx, oso, user, (String) row[1], table))
            .as(user + " " + row[1] + " " + row[2])
            .isEqualTo(row[4]);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void hibernateBindings_fromTheMapping_filterLikeThePolicy(Databases db) throws Exception {
    DataSource ds = db.fresh();
    GitClubDatabase.createAndSeed(ds);
    LocalBindings bindings =
        OsoHibernate.bindings(GitClub.metadata(ds, null))
            .fact("has_role(User:_, String:_, Organization:_)", ORG_ROLES)
            .fact("has_role(User:_, String:_, Repository:_)", REPO_ROLES)
            .sqlType("User", "text")
            .build();

    try (Oso oso =
            Oso.embedded()
                .policy(GitClub.policy())
                .localBindings(bindings)
                .sqlDialect(db.dialect())
                .build();
        SessionFactory sessions = GitClub.metadata(ds, oso).buildSessionFactory()) {
      for (Object[] row : rows(db)) {
        Value user = new Value("User", (String) row[0]);

        assertThat(
                GitClubConsistencyTest.hibernate(
                    sessions, oso, user, (String) row[1], (String) row[2]))
            .as(user + " " + row[1] + " " + row[2])
            .isEqualTo(row[4]);
      }
      try (Session session = sessions.openSession()) {
        OsoHibernate.enable(session, oso, new Value("User", "bob"), "read");
        assertThat(session.getEnabledFilter("oso_Folder__User__read")).isNotNull();
      }
    }
  }
}
