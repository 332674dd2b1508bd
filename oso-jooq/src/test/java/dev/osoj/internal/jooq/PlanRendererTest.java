package dev.osoj.internal.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Value;
import dev.osoj.jooq.Databases;
import dev.osoj.sql.FactSource;
import dev.osoj.sql.FactSource.BindingArg;
import dev.osoj.sql.Plan;
import dev.osoj.sql.Plan.Condition;
import dev.osoj.sql.Plan.Expr;
import dev.osoj.sql.SqlType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Renders hand-made plans and runs them on H2 and PostgreSQL. */
class PlanRendererTest {
  private static final Table<?> REPOS = DSL.table(DSL.unquotedName("repositories"));
  private static final Field<Long> REPO_ID =
      DSL.field(DSL.unquotedName("repositories", "id"), Long.class);
  private static final Table<?> FOLDERS = DSL.table(DSL.unquotedName("folders"));
  private static final Field<Long> FOLDER_ID =
      DSL.field(DSL.unquotedName("folders", "id"), Long.class);

  private static final FactSource.Binding ORG_ROLES =
      new FactSource.Binding(
          "has_role",
          "SELECT user_id, role, org_id FROM org_roles",
          List.of(
              new BindingArg("User", SqlType.TEXT, null),
              new BindingArg("String", SqlType.TEXT, null),
              new BindingArg("Organization", SqlType.BIGINT, null)));
  private static final FactSource.Binding REPO_ORG =
      new FactSource.Binding(
          "has_relation",
          "SELECT id, org_id FROM repositories",
          List.of(
              new BindingArg("Repository", SqlType.BIGINT, null),
              new BindingArg("String", SqlType.TEXT, Value.of("organization")),
              new BindingArg("Organization", SqlType.BIGINT, null)));
  private static final FactSource.Binding IS_PUBLIC =
      new FactSource.Binding(
          "is_public",
          "SELECT id FROM repositories WHERE is_public",
          List.of(new BindingArg("Repository", SqlType.BIGINT, null)));
  private static final FactSource.Binding ALL_REPOS =
      new FactSource.Binding(
          "repository",
          "SELECT id FROM repositories",
          List.of(new BindingArg("Repository", SqlType.BIGINT, null)));
  private static final FactSource.Binding FOLDER_REPO =
      new FactSource.Binding(
          "has_relation",
          "SELECT id, repo_id FROM folders WHERE repo_id IS NOT NULL",
          List.of(
              new BindingArg("Folder", SqlType.BIGINT, null),
              new BindingArg("String", SqlType.TEXT, Value.of("repository")),
              new BindingArg("Repository", SqlType.BIGINT, null)));
  private static final FactSource.Binding FOLDER_PARENT =
      new FactSource.Binding(
          "has_relation",
          "SELECT id, parent_id FROM folders WHERE parent_id IS NOT NULL",
          List.of(
              new BindingArg("Folder", SqlType.BIGINT, null),
              new BindingArg("String", SqlType.TEXT, Value.of("parent")),
              new BindingArg("Folder", SqlType.BIGINT, null)));

  private Connection connection;
  private static boolean guard;

  @AfterEach
  void close() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }

  private DSLContext open(Databases db) throws SQLException {
    guard = db == Databases.H2;
    connection = db.fresh().getConnection();
    DSLContext ctx = DSL.using(connection, db.dialect());
    ctx.execute("CREATE TABLE org_roles (user_id VARCHAR(20), role VARCHAR(20), org_id BIGINT)");
    ctx.execute("CREATE TABLE repositories (id BIGINT, org_id BIGINT, is_public BOOLEAN)");
    ctx.execute("CREATE TABLE folders (id BIGINT, repo_id BIGINT, parent_id BIGINT)");
    ctx.execute("INSERT INTO org_roles VALUES ('alice', 'owner', 1), ('bob', 'member', 2)");
    ctx.execute(
        "INSERT INTO repositories VALUES (10, 1, FALSE), (11, 1, FALSE), (12, 1, TRUE),"
            + " (20, 2, FALSE), (21, 2, TRUE)");
    ctx.execute(
        "INSERT INTO folders VALUES (1000, 10, NULL), (1001, NULL, 1000), (1002, NULL, 1001),"
            + " (2000, 20, NULL), (2001, NULL, 2000), (3000, NULL, 3001), (3001, NULL, 3000)");
    return ctx;
  }

  private static List<Long> repos(DSLContext ctx, Plan plan) {
    org.jooq.Condition c = new PlanRenderer(Map.of(), guard).filter(plan, REPO_ID, "Repository");
    return ctx.select(REPO_ID).from(REPOS).where(c).orderBy(REPO_ID).fetch(REPO_ID);
  }

  private static Plan orgMemberRepos(String user) {
    Plan roles =
        new Plan.Filter(
            new Plan.Scan(ORG_ROLES),
            new Condition.Eq(new Expr.Column(0), new Expr.Const(new Value("User", user))));
    Plan joined =
        new Plan.Join(
            roles,
            new Plan.Scan(REPO_ORG),
            new Condition.Eq(new Expr.Column(2), new Expr.Column(5)));
    return new Plan.Project(joined, List.of(new Expr.Column(3)));
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void filter_unionOfRoleJoinAndAttribute_returnsBoth(Databases db) throws SQLException {
    DSLContext ctx = open(db);
    Plan plan =
        new Plan.Union(
            1,
            List.of(
                orgMemberRepos("alice"),
                new Plan.Project(new Plan.Scan(IS_PUBLIC), List.of(new Expr.Column(0)))));

    assertThat(repos(ctx, plan)).containsExactly(10L, 11L, 12L, 21L);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void filter_unknownActor_returnsNothing(Databases db) throws SQLException {
    DSLContext ctx = open(db);

    assertThat(repos(ctx, orgMemberRepos("mallory"))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void filter_valuesOfMixedTypes_keepsOnlyTheResourceType(Databases db) throws SQLException {
    DSLContext ctx = open(db);
    Plan plan =
        new Plan.Values(
            1,
            List.of(
                List.of(new Value("Repository", "10")),
                List.of(new Value("Organization", "11")),
                List.of(new Value("Repository", "not-a-number")),
                List.of(new Value("Repository", "21"))));

    assertThat(repos(ctx, plan)).containsExactly(10L, 21L);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void filter_antiJoin_excludesPublicRepositories(Databases db) throws SQLException {
    DSLContext ctx = open(db);
    Plan plan =
        new Plan.AntiJoin(
            new Plan.Scan(ALL_REPOS),
            new Plan.Scan(IS_PUBLIC),
            new Condition.Eq(new Expr.Column(0), new Expr.Column(1)));

    assertThat(repos(ctx, plan)).containsExactly(10L, 11L, 20L);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void filter_fixpointOverNestedFolders_reachesEveryDepthAndStopsOnCycles(Databases db)
      throws SQLException {
    DSLContext ctx = open(db);
    Plan seed =
        new Plan.Project(
            new Plan.Filter(
                new Plan.Scan(FOLDER_REPO),
                new Condition.Eq(
                    new Expr.Column(2), new Expr.Const(new Value("Repository", "10")))),
            List.of(new Expr.Column(0)));
    Plan step =
        new Plan.Project(
            new Plan.Join(
                new Plan.RecursiveRef("tree", 1),
                new Plan.Scan(FOLDER_PARENT),
                new Condition.Eq(new Expr.Column(0), new Expr.Column(3))),
            List.of(new Expr.Column(1)));
    Plan cyclic = new Plan.Values(1, List.of(List.of(new Value("Folder", "3000"))));
    Plan cycleStep =
        new Plan.Project(
            new Plan.Join(
                new Plan.RecursiveRef("ring", 1),
                new Plan.Scan(FOLDER_PARENT),
                new Condition.Eq(new Expr.Column(0), new Expr.Column(3))),
            List.of(new Expr.Column(1)));
    Plan plan =
        new Plan.Union(
            1,
            List.of(
                new Plan.Fixpoint("tree", 1, seed, step),
                new Plan.Fixpoint("ring", 1, cyclic, cycleStep)));

    org.jooq.Condition c = new PlanRenderer(Map.of(), guard).filter(plan, FOLDER_ID, "Folder");
    List<Long> ids =
        ctx.select(FOLDER_ID).from(FOLDERS).where(c).orderBy(FOLDER_ID).fetch(FOLDER_ID);

    assertThat(ids).containsExactly(1000L, 1001L, 1002L, 3000L, 3001L);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void filter_integerComparison_appliesToIntegersOnly(Databases db) throws SQLException {
    DSLContext ctx = open(db);
    Plan plan =
        new Plan.Filter(
            new Plan.Scan(ALL_REPOS),
            new Condition.Compare(
                Condition.Op.GT, new Expr.Const(Value.of(15)), new Expr.Const(Value.of(3))));
    Plan none =
        new Plan.Filter(
            new Plan.Scan(ALL_REPOS),
            new Condition.Compare(
                Condition.Op.GT, new Expr.Const(Value.of("x")), new Expr.Const(Value.of(3))));

    assertThat(repos(ctx, plan)).containsExactly(10L, 11L, 12L, 20L, 21L);
    assertThat(repos(ctx, none)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void filter_composesWithCallerJoinAndCount_withoutDuplicates(Databases db) throws SQLException {
    DSLContext ctx = open(db);
    Plan plan =
        new Plan.Union(
            1,
            List.of(
                orgMemberRepos("alice"),
                new Plan.Project(new Plan.Scan(IS_PUBLIC), List.of(new Expr.Column(0)))));
    org.jooq.Condition c = new PlanRenderer(Map.of(), guard).filter(plan, REPO_ID, "Repository");
    Field<Long> folderRepo = DSL.field(DSL.unquotedName("folders", "repo_id"), Long.class);

    int count =
        ctx.fetchCount(
            DSL.select(REPO_ID).from(REPOS).leftJoin(FOLDERS).on(folderRepo.eq(REPO_ID)).where(c));
    List<Long> page =
        ctx.select(REPO_ID)
            .from(REPOS)
            .where(c)
            .orderBy(REPO_ID.desc())
            .limit(2)
            .offset(1)
            .fetch(REPO_ID);

    assertThat(count).isEqualTo(4);
    assertThat(page).containsExactly(12L, 11L);
  }

  @SuppressWarnings("unused")
  private static Field<String> text(String name) {
    return DSL.field(DSL.name(name), SQLDataType.VARCHAR);
  }
}
