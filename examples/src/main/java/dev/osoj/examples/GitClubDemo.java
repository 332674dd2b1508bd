package dev.osoj.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.examples.model.Issue;
import dev.osoj.examples.model.Repository;
import dev.osoj.hibernate.OsoHibernate;
import dev.osoj.jooq.OsoJooq;
import dev.osoj.sql.SqlDialect;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hibernate.Session;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.Table;

/**
 * The GitClub demo: seeds an H2 file database (in a temporary directory) through HikariCP, then
 * asks the same policy questions through {@link Oso}, jOOQ and Hibernate and prints the answers.
 *
 * <p>Run from the repository root: {@code mvn -B -q -DskipTests package && java -jar
 * examples/target/gitclub-demo.jar}.
 */
public final class GitClubDemo {
  private static final Value ALICE = new Value("User", "alice");
  private static final Value BOB = new Value("User", "bob");
  private static final Value CAROL = new Value("User", "carol");

  private final GitClub app;
  private final PrintStream out;

  private GitClubDemo(GitClub app, PrintStream out) {
    this.app = app;
    this.out = out;
  }

  /**
   * Runs the demo.
   *
   * @param args ignored
   * @throws Exception if the database cannot be set up
   */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("gitclub-demo");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("gitclub").toAbsolutePath());
    config.setMaximumPoolSize(4);
    try (HikariDataSource dataSource = new HikariDataSource(config);
        GitClub app = GitClub.start(dataSource, SqlDialect.H2, GitClub.Facts.DATABASE)) {
      System.out.println("GitClub demo — H2 database in " + dir);
      new GitClubDemo(app, System.out).run();
    } finally {
      deleteQuietly(dir);
    }
  }

  private void run() {
    listRepositories();
    jooqPage();
    jooqJoin();
    hibernate();
    authorizeAndActions();
  }

  private void listRepositories() {
    section("Oso.list: repositories each user may read");
    for (Value user : List.of(ALICE, BOB)) {
      List<Long> ids =
          app.oso().list(user, "read", "Repository").stream().map(Long::valueOf).sorted().toList();
      out.printf("  %-6s read Repository -> %s%n", user.id(), ids);
    }
  }

  private void jooqPage() {
    section("jOOQ: bob's readable repositories by name, two per page");
    Table<?> repos = app.tables().repositories;
    Field<Long> id = GitClubTables.column(repos, "id", Long.class);
    Field<String> name = GitClubTables.column(repos, "name", String.class);
    DSLContext ctx = app.jooq();
    Condition authorized = OsoJooq.authorized(app.oso(), BOB, "read", id);
    int total = ctx.fetchCount(repos, authorized);
    for (int page = 0; page * 2 < total; page++) {
      Result<Record2<Long, String>> rows =
          ctx.select(id, name)
              .from(repos)
              .where(authorized)
              .orderBy(name)
              .limit(2)
              .offset(page * 2)
              .fetch();
      out.printf("  page %d of %d: %s%n", page + 1, (total + 1) / 2, names(rows));
    }
    out.printf("  total: %d repositories%n", total);
  }

  private void jooqJoin() {
    section("jOOQ: open issues of repositories carol may read (joined with the app's tables)");
    Table<?> repos = app.tables().repositories;
    Table<?> issues = app.tables().issues;
    Field<Long> repoId = GitClubTables.column(repos, "id", Long.class);
    Field<String> repoName = GitClubTables.column(repos, "name", String.class);
    Field<Long> issueRepo = GitClubTables.column(issues, "repository_id", Long.class);
    Field<String> title = GitClubTables.column(issues, "title", String.class);
    Field<Boolean> closed = GitClubTables.column(issues, "closed", Boolean.class);
    app.jooq()
        .select(repoName, title)
        .from(issues)
        .join(repos)
        .on(issueRepo.eq(repoId))
        .where(closed.isFalse())
        .and(OsoJooq.authorized(app.oso(), CAROL, "read", repoId))
        .orderBy(repoName, title)
        .forEach(r -> out.printf("  %-8s %s%n", r.value1(), r.value2()));
  }

  private void hibernate() {
    section("Hibernate: sessions with the authorization filter enabled");
    try (Session session = app.sessions().openSession()) {
      OsoHibernate.enable(session, app.oso(), BOB, "read");
      List<Repository> repos =
          session.createSelectionQuery("from Repository order by name", Repository.class).list();
      out.printf("  bob   read Repository -> %s%n", repos);
      out.printf("  bob   find(Repository, 11) -> %s%n", session.find(Repository.class, 11L));
    }
    try (Session session = app.sessions().openSession()) {
      OsoHibernate.enable(session, app.oso(), CAROL, "close");
      List<Issue> issues =
          session.createSelectionQuery("from Issue order by id", Issue.class).list();
      out.printf("  carol close Issue -> %s%n", issues);
    }
  }

  private void authorizeAndActions() {
    section("authorize and actions");
    Value anvil = new Value("Repository", "10");
    Value folder = new Value("Folder", "1002");
    out.printf("  alice delete %s -> %s%n", anvil, app.oso().authorize(ALICE, "delete", anvil));
    out.printf("  bob   delete %s -> %s%n", anvil, app.oso().authorize(BOB, "delete", anvil));
    out.printf("  bob   read   %s -> %s%n", folder, app.oso().authorize(BOB, "read", folder));
    out.printf("  alice actions on %s -> %s%n", anvil, app.oso().actions(ALICE, anvil));
    out.printf("  bob   actions on %s -> %s%n", anvil, app.oso().actions(BOB, anvil));
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
  }

  private static List<String> names(Result<Record2<Long, String>> rows) {
    return rows.map(r -> r.value2() + " (" + r.value1() + ")");
  }

  private static void deleteQuietly(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
