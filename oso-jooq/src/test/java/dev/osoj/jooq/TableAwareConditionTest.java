package dev.osoj.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.sql.LocalBindings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link OsoJooq} on a GitClub-like schema whose facts stay in the application's tables (simple
 * local bindings): the condition takes the table-aware shape (conditions on the caller's row, no
 * second scan of its table) whether jOOQ renders the names plain or quoted, aliased or not, and
 * gives the rows {@code Oso.list} gives, for hostile user ids too, in pages, counts and joins. Ids
 * that cannot name the caller's table that way fall back to the jOOQ-built form.
 */
class TableAwareConditionTest {
  private static final String POLICY =
      "actor User {}\n"
          + "resource Organization {\n"
          + "  roles = [\"member\", \"owner\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  \"member\" if \"owner\";\n"
          + "  \"read\" if \"member\";\n"
          + "}\n"
          + "resource Repository {\n"
          + "  roles = [\"reader\", \"maintainer\", \"admin\"];\n"
          + "  permissions = [\"read\", \"write\"];\n"
          + "  relations = { organization: Organization };\n"
          + "  \"reader\" if \"member\" on \"organization\";\n"
          + "  \"admin\" if \"owner\" on \"organization\";\n"
          + "  \"maintainer\" if \"admin\";\n"
          + "  \"reader\" if \"maintainer\";\n"
          + "  \"read\" if \"reader\";\n"
          + "  \"read\" if is_public(resource);\n"
          + "  \"write\" if \"maintainer\";\n"
          + "}\n";

  private static final String BINDINGS =
      "facts:\n"
          + "  \"has_role(User:_, String:_, Organization:_)\":\n"
          + "    query: SELECT user_id, role, org_id FROM org_roles\n"
          + "  \"has_role(User:_, String:_, Repository:_)\":\n"
          + "    query: SELECT user_id, role, repo_id FROM repo_roles\n"
          + "  \"has_relation(Repository:_, String:organization, Organization:_)\":\n"
          + "    query: SELECT id, org_id FROM repositories\n"
          + "  \"is_public(Repository:_)\":\n"
          + "    query: SELECT id FROM repositories WHERE is_public\n"
          + "sql_types:\n"
          + "  User: text\n"
          + "  Organization: bigint\n"
          + "  Repository: bigint\n";

  /** Users, hostile ones included: quotes, LIKE wildcards, a backslash, non-ASCII letters. */
  static final List<String> USERS =
      List.of(
          "alice", "x' OR '1'='1", "100%", "a_b", "back\\slash", "O'Brien\"", "ünï 名前", "nobody");

  /**
   * The repositories table as generated code would declare it, its names made by a function, its
   * primary key declared or not.
   */
  static final class Repos extends TableImpl<Record> {
    final TableField<Record, Long> id;
    final TableField<Record, Long> orgId;
    final TableField<Record, String> name;
    private final boolean keyed;

    Repos(Function<String, Name> names) {
      this(names, true);
    }

    Repos(Function<String, Name> names, boolean keyed) {
      super(names.apply("repositories"));
      id = createField(names.apply("id"), SQLDataType.BIGINT, this);
      orgId = createField(names.apply("org_id"), SQLDataType.BIGINT, this);
      name = createField(names.apply("name"), SQLDataType.VARCHAR, this);
      this.keyed = keyed;
    }

    @Override
    public UniqueKey<Record> getPrimaryKey() {
      return keyed ? Internal.createUniqueKey(this, id) : null;
    }
  }

  /** The facts the rows of {@link #open} hold, for an evaluator in memory. */
  private final List<Fact> facts = new ArrayList<>();

  private DSLContext open(Databases db) throws Exception {
    DataSource ds = db.fresh();
    DSLContext ctx = DSL.using(ds, db.dialect());
    ctx.execute("CREATE TABLE organizations (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL)");
    ctx.execute(
        "CREATE TABLE repositories (id BIGINT PRIMARY KEY, org_id BIGINT NOT NULL,"
            + " name VARCHAR(50) NOT NULL, is_public BOOLEAN NOT NULL)");
    ctx.execute("CREATE TABLE org_roles (user_id TEXT, role VARCHAR(20), org_id BIGINT)");
    ctx.execute("CREATE TABLE repo_roles (user_id TEXT, role VARCHAR(20), repo_id BIGINT)");
    for (long org = 1; org <= 3; org++) {
      ctx.execute("INSERT INTO organizations VALUES (?, ?)", org, "org" + org);
    }
    for (long repo = 10; repo < 40; repo++) {
      ctx.execute(
          "INSERT INTO repositories VALUES (?, ?, ?, ?)",
          repo,
          1 + repo % 3,
          "repo-" + (char) ('z' - repo % 26),
          repo % 7 == 0);
      facts.add(
          Fact.of(
              "has_relation",
              new Value("Repository", Long.toString(repo)),
              Value.of("organization"),
              new Value("Organization", Long.toString(1 + repo % 3))));
      if (repo % 7 == 0) {
        facts.add(Fact.of("is_public", new Value("Repository", Long.toString(repo))));
      }
    }
    for (int u = 0; u < USERS.size() - 1; u++) {
      String user = USERS.get(u);
      String orgRole = u % 2 == 0 ? "member" : "owner";
      String repoRole = u % 3 == 0 ? "reader" : "admin";
      ctx.execute("INSERT INTO org_roles VALUES (?, ?, ?)", user, orgRole, 1 + u % 3);
      ctx.execute("INSERT INTO repo_roles VALUES (?, ?, ?)", user, repoRole, 11L + 4 * u);
      Value actor = new Value("User", user);
      facts.add(
          Fact.of(
              "has_role",
              actor,
              Value.of(orgRole),
              new Value("Organization", Integer.toString(1 + u % 3))));
      facts.add(
          Fact.of(
              "has_role",
              actor,
              Value.of(repoRole),
              new Value("Repository", Long.toString(11L + 4 * u))));
    }
    return ctx;
  }

  /** The evaluator: the same policy over the same facts, held in memory. */
  private Oso memory() {
    Oso memory = Oso.embedded().policy(POLICY).build();
    facts.forEach(memory::insert);
    return memory;
  }

  private static Oso oso(Databases db) {
    return Oso.embedded()
        .policy(POLICY)
        .localBindings(LocalBindings.fromYaml(BINDINGS))
        .sqlDialect(
            db == Databases.H2 ? dev.osoj.sql.SqlDialect.H2 : dev.osoj.sql.SqlDialect.POSTGRES)
        .build();
  }

  /** Names as the database folds unquoted ones, quoted: the shape jOOQ's generated code gives. */
  private static Function<String, Name> quoted(Databases db) {
    return s ->
        DSL.quotedName(
            db == Databases.H2 ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT));
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void plainNames_aliased_conditionOnTheCallersRow_sameRowsAsList(Databases db) throws Exception {
    Repos repos = new Repos(DSL::unquotedName);
    Table<?> r = repos.as(DSL.unquotedName("r"));
    check(db, repos, r, "r");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void plainNames_unaliased_conditionOnTheCallersRow_sameRowsAsList(Databases db) throws Exception {
    Repos repos = new Repos(DSL::unquotedName);
    check(db, repos, repos, "repositories");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void quotedNames_quotedAlias_conditionOnTheCallersRow_sameRowsAsList(Databases db)
      throws Exception {
    Repos repos = new Repos(quoted(db));
    Table<?> r = repos.as(DSL.quotedName("Rq"));
    check(db, repos, r, "\"Rq\"");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void quotedNames_unaliased_conditionOnTheCallersRow_sameRowsAsList(Databases db)
      throws Exception {
    Repos repos = new Repos(quoted(db));
    String table = db == Databases.H2 ? "\"REPOSITORIES\"" : "\"repositories\"";
    check(db, repos, repos, table);
  }

  /**
   * Checks the shape and the rows of the condition on one way of naming the table.
   *
   * @param repos the table
   * @param r the table as the query names it (itself or an alias)
   * @param alias how the SQL must reference the caller's row
   */
  private void check(Databases db, Repos repos, Table<?> r, String alias) throws Exception {
    DSLContext ctx = open(db);
    try (Oso oso = oso(db)) {
      check(ctx, oso, r, r.field(repos.id), r.field(repos.orgId), r.field(repos.name), alias);
    }
  }

  /**
   * Checks the shape and the rows of the condition on the caller's columns.
   *
   * @param alias how the SQL must reference the caller's row (compared without quotes, ignoring
   *     case, as the binding queries may quote the columns)
   */
  private void check(
      DSLContext ctx,
      Oso oso,
      Table<?> r,
      Field<Long> id,
      Field<Long> orgId,
      Field<String> name,
      String alias)
      throws Exception {
    Table<?> orgs = DSL.table(DSL.unquotedName("organizations")).as(DSL.unquotedName("o"));
    Field<Long> oid = DSL.field(DSL.unquotedName("o", "id"), Long.class);
    Field<String> oname = DSL.field(DSL.unquotedName("o", "name"), String.class);
    List<Record2<Long, String>> all = ctx.select(id, name).from(r).orderBy(name, id).fetch();
    String row = alias.replace("\"", "").toLowerCase(Locale.ROOT);
    String orgColumn = row + "." + orgId.getName().toLowerCase(Locale.ROOT);
    try (Oso memory = memory()) {
      for (String user : USERS) {
        Value actor = new Value("User", user);
        for (String action : List.of("read", "write")) {
          Condition authorized = OsoJooq.authorized(oso, actor, action, id);
          Set<Long> allowed = new HashSet<>();
          memory.list(actor, action, "Repository").forEach(s -> allowed.add(Long.valueOf(s)));
          List<Long> ordered = new ArrayList<>();
          all.stream()
              .filter(x -> allowed.contains(x.value1()))
              .forEach(x -> ordered.add(x.value1()));
          String what = user + " " + action;

          Select<?> page =
              ctx.select(id).from(r).where(authorized).orderBy(name, id).limit(3).offset(1);
          String sql = ctx.render(page);
          assertThat(sql).as(what).doesNotContain("oso_").doesNotContain(user);
          assertThat(sql.toLowerCase(Locale.ROOT))
              .as("no second scan of the caller's table")
              .doesNotContainPattern("repositories b[0-9]")
              .doesNotContain("from repositories)");
          if (action.equals("read")) {
            assertThat(sql.replace("\"", "").toLowerCase(Locale.ROOT))
                .as(what)
                .contains(row + ".is_public")
                .contains(orgColumn + " in (select");
            assertThat(page.getBindValues()).as(what).contains(user);
          }
          assertThat(page.fetch(id))
              .as(what + ": " + sql)
              .isEqualTo(ordered.subList(Math.min(1, ordered.size()), Math.min(4, ordered.size())));
          assertThat(ctx.fetchCount(ctx.selectOne().from(r).where(authorized)))
              .as(what)
              .isEqualTo(allowed.size());
          assertThat(
                  ctx.select(id)
                      .from(r)
                      .join(orgs)
                      .on(oid.eq(orgId))
                      .where(authorized)
                      .and(oname.ne("nothing"))
                      .orderBy(id)
                      .fetch(id))
              .as(what)
              .isEqualTo(allowed.stream().sorted(Comparator.naturalOrder()).toList());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void jooqBindingsOverQuotedMetadata_conditionOnTheCallersRow_sameRowsAsList(Databases db)
      throws Exception {
    checkMetadata(db, true);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void jooqBindingsOverQuotedMetadata_unaliasedSchemaQualifiedTable_conditionOnTheCallersRow(
      Databases db) throws Exception {
    checkMetadata(db, false);
  }

  /**
   * Bindings derived by {@link JooqBindings} from {@code DSLContext.meta()}, whose names come
   * quoted and schema-qualified, and the caller's table read from the same metadata, aliased {@code
   * r} or not at all (then jOOQ references its row as {@code "PUBLIC"."REPOSITORIES"}).
   */
  private void checkMetadata(Databases db, boolean aliased) throws Exception {
    DSLContext ctx = open(db);
    // JooqBindings names a relation after its foreign key column, less "_id"
    ctx.execute("ALTER TABLE repositories RENAME COLUMN org_id TO organization_id");
    ctx.execute(
        "ALTER TABLE repositories ADD FOREIGN KEY (organization_id) REFERENCES organizations (id)");
    String schema = ctx.select(DSL.currentSchema()).fetchOne(0, String.class);
    List<Table<?>> tables = ctx.meta().getSchemas(schema).get(0).getTables();
    Table<?> repos = named(tables, "repositories");
    Table<?> organizations = named(tables, "organizations");
    JooqBindings derived =
        JooqBindings.builder()
            .renderWith(DSL.using(db.dialect()))
            .resource("Organization", organizations)
            .resource("Repository", repos)
            .attribute((TableField<?, ?>) column(repos, "is_public", Boolean.class))
            .build();
    // the metadata's names come quoted and schema-qualified: "PUBLIC"."REPOSITORIES"."ID"
    assertThat(derived.queries().get("is_public(Repository:_)")).contains("\"." + "\"");
    LocalBindings.Builder bindings = LocalBindings.builder();
    derived.queries().forEach(bindings::fact);
    derived.sqlTypes().forEach(bindings::sqlType);
    bindings
        .fact(
            "has_role(User:_, String:_, Organization:_)",
            "SELECT user_id, role, org_id FROM org_roles")
        .fact(
            "has_role(User:_, String:_, Repository:_)",
            "SELECT user_id, role, repo_id FROM repo_roles")
        .sqlType("User", "text");
    Table<?> r = aliased ? repos.as(DSL.unquotedName("r")) : repos;
    String row = aliased ? "r" : ctx.render(repos);
    try (Oso oso =
        Oso.embedded()
            .policy(POLICY)
            .localBindings(bindings.build())
            .sqlDialect(
                db == Databases.H2 ? dev.osoj.sql.SqlDialect.H2 : dev.osoj.sql.SqlDialect.POSTGRES)
            .build()) {
      check(
          ctx,
          oso,
          r,
          column(r, "id", Long.class),
          column(r, "organization_id", Long.class),
          column(r, "name", String.class),
          row);
    }
  }

  private static Table<?> named(List<Table<?>> tables, String name) {
    return tables.stream()
        .filter(t -> t.getName().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow();
  }

  /** A column of a table read from the metadata, by name in any case, as its own field. */
  @SuppressWarnings("unchecked")
  private static <T> Field<T> column(Table<?> table, String name, Class<T> type) {
    Field<?> field =
        java.util.Arrays.stream(table.fields())
            .filter(f -> f.getName().equalsIgnoreCase(name))
            .findFirst()
            .orElseThrow();
    assertThat(field.getType()).isEqualTo(type);
    return (Field<T>) field;
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void notATableColumn_fallsBackToTheJooqForm_sameRowsAsList(Databases db) throws Exception {
    DSLContext ctx = open(db);
    Table<?> r = DSL.table(DSL.unquotedName("repositories")).as(DSL.unquotedName("r"));
    Field<Long> id = DSL.field(DSL.unquotedName("r", "id"), Long.class);
    try (Oso oso = oso(db);
        Oso memory = memory()) {
      for (String user : USERS) {
        Value actor = new Value("User", user);
        Condition authorized = OsoJooq.authorized(oso, actor, "read", "Repository", id);
        Select<?> query = ctx.select(id).from(r).where(authorized).orderBy(id);

        assertThat(ctx.render(query)).contains("oso_");
        assertThat(query.fetch(id))
            .as(user)
            .isEqualTo(sorted(memory.list(actor, "read", "Repository")));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void columnThatIsNoKey_fallsBackToTheJooqForm_sameRowsAsList(Databases db) throws Exception {
    DSLContext ctx = open(db);
    Repos repos = new Repos(DSL::unquotedName);
    Repos unkeyed = new Repos(DSL::unquotedName, false);
    Table<?> r = repos.as(DSL.unquotedName("r"));
    Field<Long> orgId = r.field(repos.orgId);
    try (Oso oso = oso(db);
        Oso memory = memory()) {
      for (String user : USERS) {
        Value actor = new Value("User", user);
        // repositories whose organization the user may read: org_id is no key of repositories
        Select<?> byOrg =
            ctx.select(r.field(repos.id))
                .from(r)
                .where(OsoJooq.authorized(oso, actor, "read", "Organization", orgId))
                .orderBy(r.field(repos.id));
        Set<Long> orgs = new HashSet<>();
        memory.list(actor, "read", "Organization").forEach(s -> orgs.add(Long.valueOf(s)));
        List<Long> expected =
            ctx.select(repos.id, repos.orgId).from(repos).orderBy(repos.id).fetch().stream()
                .filter(x -> orgs.contains(x.value2()))
                .map(x -> x.value1())
                .toList();
        Select<?> noKey =
            ctx.select(unkeyed.id)
                .from(unkeyed)
                .where(OsoJooq.authorized(oso, actor, "read", unkeyed.id))
                .orderBy(unkeyed.id);

        assertThat(ctx.render(byOrg)).contains("oso_");
        assertThat(byOrg.fetch(0, Long.class)).as(user).isEqualTo(expected);
        assertThat(ctx.render(noKey)).contains("oso_");
        assertThat(noKey.fetch(0, Long.class))
            .as(user)
            .isEqualTo(sorted(memory.list(actor, "read", "Repository")));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void schemaQualifiedTable_unqualifiedBindings_noCallerRowCondition_sameRowsAsList(Databases db)
      throws Exception {
    DSLContext ctx = open(db);
    String schema = ctx.select(DSL.currentSchema()).fetchOne(0, String.class);
    Table<?> meta =
        ctx.meta().getSchemas(schema).get(0).getTables().stream()
            .filter(t -> t.getName().equalsIgnoreCase("repositories"))
            .findFirst()
            .orElseThrow();
    Field<?> id = meta.field(meta.getPrimaryKey().getFields().get(0));
    try (Oso oso = oso(db);
        Oso memory = memory()) {
      for (String user : USERS) {
        Value actor = new Value("User", user);
        Select<?> query =
            ctx.select(id).from(meta).where(OsoJooq.authorized(oso, actor, "read", id)).orderBy(id);

        // the bindings read "repositories", which may be another schema's table than the caller's
        // "PUBLIC"."REPOSITORIES": each way stays an id IN (…), rendered by the core
        assertThat(ctx.render(query))
            .doesNotContain("oso_")
            .containsPattern("(?i)\"repositories\"\\.id in \\(select");
        assertThat(query.fetch(id, Long.class))
            .as(user)
            .isEqualTo(sorted(memory.list(actor, "read", "Repository")));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void otherDialect_fallsBackToTheJooqForm(Databases db) throws Exception {
    Repos repos = new Repos(DSL::unquotedName);
    try (Oso oso = oso(db)) {
      Condition authorized = OsoJooq.authorized(oso, new Value("User", "alice"), "read", repos.id);

      assertThat(DSL.using(SQLDialect.MYSQL).render(DSL.selectOne().from(repos).where(authorized)))
          .contains("oso_");
      assertThat(DSL.using(db.dialect()).render(DSL.selectOne().from(repos).where(authorized)))
          .doesNotContain("oso_")
          .contains("repositories.is_public");
    }
  }

  private static final String FOLDER_POLICY =
      "actor User {}\n"
          + "resource Folder {\n"
          + "  roles = [\"reader\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  relations = { parent: Folder };\n"
          + "  role if role on \"parent\";\n"
          + "  \"read\" if \"reader\";\n"
          + "  \"read\" if is_public(resource);\n"
          + "}\n";

  private static final String FOLDER_BINDINGS =
      "facts:\n"
          + "  \"has_role(User:_, String:_, Folder:_)\":\n"
          + "    query: SELECT user_id, role, folder_id FROM folder_roles\n"
          + "  \"has_relation(Folder:_, String:parent, Folder:_)\":\n"
          + "    query: SELECT id, parent_id FROM folders WHERE parent_id IS NOT NULL\n"
          + "  \"is_public(Folder:_)\":\n"
          + "    query: SELECT id FROM folders WHERE is_public\n"
          + "sql_types:\n"
          + "  User: text\n"
          + "  Folder: bigint\n";

  /** The folders table, unquoted names. */
  static final class Folders extends TableImpl<Record> {
    final TableField<Record, Long> id =
        createField(DSL.unquotedName("id"), SQLDataType.BIGINT, this);

    Folders() {
      super(DSL.unquotedName("folders"));
    }

    @Override
    public UniqueKey<Record> getPrimaryKey() {
      return Internal.createUniqueKey(this, id);
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void recursiveRule_withACycle_tableAwareSameRowsAsList(Databases db) throws Exception {
    DSLContext ctx = DSL.using(db.fresh(), db.dialect());
    ctx.execute(
        "CREATE TABLE folders (id BIGINT PRIMARY KEY, parent_id BIGINT, is_public BOOLEAN)");
    ctx.execute("CREATE TABLE folder_roles (user_id TEXT, role TEXT, folder_id BIGINT)");
    List<Fact> folderFacts = new ArrayList<>();
    long[][] rows = {{1, 0}, {2, 1}, {3, 2}, {4, 0}, {5, 4}, {6, 7}, {7, 6}, {8, 0}};
    for (long[] row : rows) {
      Value folder = new Value("Folder", Long.toString(row[0]));
      boolean isPublic = row[0] == 8;
      ctx.execute(
          "INSERT INTO folders VALUES (?, ?, ?)", row[0], row[1] == 0 ? null : row[1], isPublic);
      if (row[1] != 0) {
        folderFacts.add(
            Fact.of(
                "has_relation",
                folder,
                Value.of("parent"),
                new Value("Folder", Long.toString(row[1]))));
      }
      if (isPublic) {
        folderFacts.add(Fact.of("is_public", folder));
      }
    }
    for (int u = 0; u < USERS.size() - 1; u++) {
      long folder = List.of(1L, 4L, 6L).get(u % 3);
      ctx.execute("INSERT INTO folder_roles VALUES (?, ?, ?)", USERS.get(u), "reader", folder);
      folderFacts.add(
          Fact.of(
              "has_role",
              new Value("User", USERS.get(u)),
              Value.of("reader"),
              new Value("Folder", Long.toString(folder))));
    }
    Folders folders = new Folders();
    Table<?> f = folders.as(DSL.unquotedName("f"));
    Field<Long> id = f.field(folders.id);
    try (Oso oso =
            Oso.embedded()
                .policy(FOLDER_POLICY)
                .localBindings(LocalBindings.fromYaml(FOLDER_BINDINGS))
                .sqlDialect(
                    db == Databases.H2
                        ? dev.osoj.sql.SqlDialect.H2
                        : dev.osoj.sql.SqlDialect.POSTGRES)
                .build();
        Oso memory = Oso.embedded().policy(FOLDER_POLICY).build()) {
      folderFacts.forEach(memory::insert);
      for (String user : USERS) {
        Value actor = new Value("User", user);
        Select<?> query =
            ctx.select(id).from(f).where(OsoJooq.authorized(oso, actor, "read", id)).orderBy(id);

        assertThat(ctx.render(query))
            .as(user)
            .doesNotContain("oso_")
            .contains("f.is_public")
            .contains("WITH RECURSIVE");
        assertThat(query.fetch(id))
            .as(user + ": " + ctx.render(query))
            .isEqualTo(sorted(memory.list(actor, "read", "Folder")));
      }
    }
  }

  private static List<Long> sorted(List<String> ids) {
    return ids.stream().map(Long::valueOf).sorted().toList();
  }
}
