package dev.osoj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.cli.serve.OsoServer;
import dev.osoj.cli.serve.ServeCommand;
import dev.osoj.examples.GitClub.Facts;
import dev.osoj.hibernate.OsoHibernate;
import dev.osoj.jooq.OsoJooq;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The GitClub application with a <em>remote</em> {@link Oso}: the policy and the facts on {@code
 * oso serve} over loopback, the application's tables in H2 or PostgreSQL. {@link OsoJooq} and
 * {@link OsoHibernate} filter with the server's answers (a fixed list of ids per question) and
 * return the rows the policy implies, as they do with an embedded instance ({@link
 * GitClubConsistencyTest}).
 */
class RemoteGitClubTest {
  private static final String ID_TYPES =
      "facts: {}\n"
          + "sql_types:\n"
          + "  Organization: bigint\n"
          + "  Repository: bigint\n"
          + "  Issue: bigint\n"
          + "  Folder: bigint\n";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.class)
  void jooqAndHibernate_remoteOso_returnThePolicysRows(Databases db) throws Exception {
    DataSource dataSource = db.fresh();
    AtomicInteger bootstrapFilters = new AtomicInteger();
    Path policy = dir.resolve("gitclub.polar");
    Files.writeString(policy, GitClub.policy(), StandardCharsets.UTF_8);
    // the embedded application seeds the tables; its facts are copied to the server
    try (GitClub app = GitClub.start(dataSource, db.dialect(), Facts.DATABASE);
        OsoServer server = serve(policy);
        Oso remote =
            Oso.remote("http://127.0.0.1:" + server.port(), ServeCommand.DEFAULT_API_KEY)
                .dataBindingsText(ID_TYPES)
                .build();
        SessionFactory sessions =
            GitClub.metadata(dataSource, counting(remote, bootstrapFilters))
                .buildSessionFactory()) {
      // the first answer is a list of ids: the bootstrap stops asking for filters to compile
      assertThat(bootstrapFilters).hasValue(1);
      List<dev.osoj.Fact> facts = GitClubFacts.read(dataSource);
      remote.batch(tx -> facts.forEach(tx::insert));

      for (Object[] row : GitClubConsistencyTest.TABLE) {
        Value user = new Value("User", (String) row[0]);
        String action = (String) row[1];
        String what = user + " " + action + " " + row[2];
        Table<?> table = GitClubConsistencyTest.table(app.tables(), (String) row[3]);

        assertThat(GitClubConsistencyTest.jooq(app.jooq(), remote, user, action, table))
            .as("OsoJooq, remote: " + what)
            .isEqualTo(row[4]);
        assertThat(
                GitClubConsistencyTest.hibernate(sessions, remote, user, action, (String) row[2]))
            .as("OsoHibernate, remote: " + what)
            .isEqualTo(row[4]);
      }
      pageAndCount(app, sessions, remote);
    }
  }

  private static void pageAndCount(GitClub app, SessionFactory sessions, Oso remote) {
    Value bob = new Value("User", "bob");
    Table<?> repos = app.tables().repositories;
    Field<Long> id = GitClubTables.column(repos, "id", Long.class);
    Condition authorized = OsoJooq.authorized(remote, bob, "read", id);
    List<Long> page;
    long count;
    try (Session session = sessions.openSession()) {
      OsoHibernate.enable(session, remote, bob, "read");
      count =
          session
              .createSelectionQuery("select count(r) from Repository r", Long.class)
              .getSingleResult();
      page =
          session
              .createSelectionQuery("select r.id from Repository r order by r.id desc", Long.class)
              .setFirstResult(2)
              .setMaxResults(2)
              .list();
    }

    assertThat(app.jooq().fetchCount(repos, authorized)).isEqualTo(4);
    assertThat(count).isEqualTo(4);
    assertThat(page).containsExactly(12L, 10L);
  }

  /** The same instance, counting its {@code listFilter} calls. */
  private static Oso counting(Oso oso, AtomicInteger listFilterCalls) {
    return (Oso)
        Proxy.newProxyInstance(
            Oso.class.getClassLoader(),
            new Class<?>[] {Oso.class},
            (proxy, method, args) -> {
              if (method.getName().equals("listFilter")) {
                listFilterCalls.incrementAndGet();
              }
              try {
                return method.invoke(oso, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static OsoServer serve(Path policy) throws Exception {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs("--port", "0", "--policy", policy.toString());
    return command.start();
  }
}
