package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.store.JdbcFactStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated policies over three resource types (Org with a recursive parent, Repo inside an Org,
 * Folder with a recursive parent inside a Repo): role implication chains, roles through relations,
 * {@code role if role on "parent"} recursion, global roles (also feeding recursion), negation over
 * facts, attribute facts with comparisons and {@code in}; and fact sets with hostile ids (quotes,
 * LIKE wildcards, backslashes, SQL words, non-ASCII, ids shared between types, ids differing only
 * in case) and ill-typed facts. The evaluator's {@code list}, the SQL engine's {@code list} over
 * {@link JdbcFactStore}, the rows selected by the SQL filter (over the fact table, and over the
 * same facts held in memory) and per-row {@code authorize} must agree exactly, on H2 and
 * PostgreSQL. One database per dialect is shared; its tables are cleared between tries.
 */
class DifferentialSqlTest {
  static final List<String> USERS = List.of("u1", "u'2", "SELECT", "ünï");
  static final List<String> ORGS = List.of("o1", "50%", "a_b", "back\\slash", "Ω", "O1");
  static final List<String> REPOS = List.of("o1", "r'1", "x;DROP TABLE t", "\"q\"", "NULL");
  static final List<String> FOLDERS = List.of("f1", "F1", "a b", "o1", "-- c", "ß");
  static final Map<String, List<String>> IDS =
      Map.of("Org", ORGS, "Repo", REPOS, "Folder", FOLDERS);
  static final Map<String, String> TABLES =
      Map.of("Org", "orgs", "Repo", "repos", "Folder", "folders");
  static final List<String> ACTIONS = List.of("read", "write");
  static final String FACT_TABLE = "diff_facts";
  private static final Map<SqlDialect, DataSource> databases = new ConcurrentHashMap<>();

  /** The optional parts of a generated policy, one bit each. */
  enum Part {
    GLOBAL_ORG("  \"admin\" if global \"root\";\n", "Org"),
    ORG_IMPLIES("  \"member\" if \"admin\";\n", "Org"),
    ORG_RECURSION("  \"member\" if \"member\" on \"parent\";\n", "Org"),
    ORG_ADMIN_RECURSION("  \"admin\" if \"admin\" on \"parent\";\n", "Org"),
    ORG_PUBLIC("  \"read\" if is_public(resource);\n", "Org"),
    // a role from a permission on the parent: has_role and has_permission call each other
    ORG_FROM_PERMISSION("  \"admin\" if \"write\" on \"parent\";\n", "Org"),
    REPO_IMPLIES("  \"reader\" if \"writer\";\n", "Repo"),
    REPO_FROM_ORG("  \"reader\" if \"member\" on \"org\";\n", "Repo"),
    REPO_ADMIN_FROM_ORG("  \"writer\" if \"admin\" on \"org\";\n", "Repo"),
    GLOBAL_REPO("  \"reader\" if global \"auditor\";\n", "Repo"),
    FOLDER_IMPLIES("  \"viewer\" if \"editor\";\n", "Folder"),
    FOLDER_RECURSION("  \"viewer\" if \"viewer\" on \"parent\";\n", "Folder"),
    FOLDER_EDITOR_RECURSION("  \"editor\" if \"editor\" on \"parent\";\n", "Folder"),
    FOLDER_FROM_PERMISSION("  \"viewer\" if \"read\" on \"parent\";\n", "Folder"),
    FOLDER_FROM_REPO("  \"viewer\" if \"reader\" on \"repo\";\n", "Folder"),
    GLOBAL_FOLDER("  \"editor\" if global \"root\";\n", "Folder"),
    NEGATION(
        "has_permission(u: User, \"write\", o: Org) if\n"
            + "  has_role(u, \"member\", o) and not is_frozen(o);\n",
        null),
    NEGATED_RELATION(
        "has_permission(u: User, \"read\", r: Repo) if\n"
            + "  has_relation(r, \"org\", o) and is_public(o) and not is_frozen(o);\n",
        null),
    COMPARISON(
        "has_permission(u: User, \"read\", o: Org) if\n"
            + "  n matches Integer and clearance(u, n) and\n"
            + "  m matches Integer and level(o, m) and n >= m;\n",
        null),
    IN_LIST(
        "has_permission(u: User, \"read\", r: Repo) if\n"
            + "  s matches String and status(r, s) and s in [\"open\", \"shared\"];\n",
        null),
    CONSTANT_COMPARISON(
        "has_permission(u: User, \"write\", f: Folder) if\n"
            + "  m matches Integer and size(f, m) and m > 3 and has_role(u, \"viewer\", f);\n",
        null);

    final String text;
    final String resource;

    Part(String text, String resource) {
      this.text = text;
      this.resource = resource;
    }
  }

  /**
   * A generated policy: which parts it has.
   *
   * @param bits bit {@code i} set when part {@code i} is present
   */
  record Features(int bits) {
    boolean has(Part p) {
      return (bits & (1 << p.ordinal())) != 0;
    }

    String policy() {
      StringBuilder p = new StringBuilder("actor User {}\n");
      p.append("global { roles = [\"root\", \"auditor\"]; }\n");
      resource(p, "Org", "\"member\", \"admin\"", "parent: Org", "member", "admin");
      resource(p, "Repo", "\"reader\", \"writer\"", "org: Org", "reader", "writer");
      resource(
          p, "Folder", "\"viewer\", \"editor\"", "parent: Folder, repo: Repo", "viewer", "editor");
      for (Part part : Part.values()) {
        if (part.resource == null && has(part)) {
          p.append(part.text);
        }
      }
      return p.toString();
    }

    private void resource(
        StringBuilder p, String type, String roles, String relations, String read, String write) {
      p.append("resource ").append(type).append(" {\n  roles = [").append(roles).append("];\n");
      p.append("  permissions = [\"read\", \"write\"];\n  relations = { ")
          .append(relations)
          .append(" };\n");
      p.append("  \"read\" if \"").append(read).append("\";\n");
      p.append("  \"write\" if \"").append(write).append("\";\n");
      for (Part part : Part.values()) {
        if (type.equals(part.resource) && has(part)) {
          p.append(part.text);
        }
      }
      p.append("}\n");
    }
  }

  @Provide
  Arbitrary<Features> features() {
    return Arbitraries.integers().between(0, (1 << Part.values().length) - 1).map(Features::new);
  }

  @Provide
  Arbitrary<List<Fact>> facts() {
    Arbitrary<Value> user = Arbitraries.of(USERS).map(id -> new Value("User", id));
    Arbitrary<Value> org = Arbitraries.of(ORGS).map(id -> new Value("Org", id));
    Arbitrary<Value> repo = Arbitraries.of(REPOS).map(id -> new Value("Repo", id));
    Arbitrary<Value> folder = Arbitraries.of(FOLDERS).map(id -> new Value("Folder", id));
    Arbitrary<Value> small = Arbitraries.longs().between(0, 5).map(Value::of);
    return Arbitraries.frequencyOf(
            Tuple.of(3, role(user, "member", "admin", org)),
            Tuple.of(3, role(user, "reader", "writer", repo)),
            Tuple.of(3, role(user, "viewer", "editor", folder)),
            Tuple.of(1, role(user, "member", "reader", repo)),
            Tuple.of(3, relation(org, "parent", org)),
            Tuple.of(2, relation(repo, "org", org)),
            Tuple.of(3, relation(folder, "parent", folder)),
            Tuple.of(2, relation(folder, "repo", repo)),
            Tuple.of(1, relation(folder, "parent", repo)),
            Tuple.of(
                1,
                Combinators.combine(user, Arbitraries.of("root", "auditor"))
                    .as((u, r) -> Fact.of("has_role", u, Value.of(r)))),
            Tuple.of(1, org.map(o -> Fact.of("is_public", o))),
            Tuple.of(1, org.map(o -> Fact.of("is_frozen", o))),
            Tuple.of(1, Combinators.combine(user, small).as((u, n) -> Fact.of("clearance", u, n))),
            Tuple.of(1, Combinators.combine(org, small).as((o, n) -> Fact.of("level", o, n))),
            Tuple.of(1, Combinators.combine(folder, small).as((f, n) -> Fact.of("size", f, n))),
            Tuple.of(
                1,
                Combinators.combine(repo, Arbitraries.of("open", "shared", "closed", "Open"))
                    .as((r, s) -> Fact.of("status", r, Value.of(s)))))
        .list()
        .ofMinSize(0)
        .ofMaxSize(24);
  }

  private static Arbitrary<Fact> role(
      Arbitrary<Value> user, String a, String b, Arbitrary<Value> resource) {
    return Combinators.combine(user, Arbitraries.of(a, b), resource)
        .as((u, r, o) -> Fact.of("has_role", u, Value.of(r), o));
  }

  private static Arbitrary<Fact> relation(Arbitrary<Value> from, String name, Arbitrary<Value> to) {
    return Combinators.combine(from, to)
        .as((a, c) -> Fact.of("has_relation", a, Value.of(name), c));
  }

  @Property(tries = 30)
  void generated_onH2_sqlAgreesWithEvaluator(
      @ForAll("features") Features features, @ForAll("facts") List<Fact> facts) throws Exception {
    check(SqlDialect.H2, features, facts);
  }

  @Property(tries = 15)
  void generated_onPostgres_sqlAgreesWithEvaluator(
      @ForAll("features") Features features, @ForAll("facts") List<Fact> facts) throws Exception {
    check(SqlDialect.POSTGRES, features, facts);
  }

  private static DataSource database(SqlDialect dialect) {
    return databases.computeIfAbsent(
        dialect,
        d -> {
          DataSource ds = TestDatabases.of(d);
          try (Connection c = ds.getConnection();
              Statement st = c.createStatement()) {
            for (Map.Entry<String, String> e : TABLES.entrySet()) {
              st.execute("CREATE TABLE " + e.getValue() + " (id VARCHAR(100) PRIMARY KEY)");
              try (PreparedStatement ps =
                  c.prepareStatement("INSERT INTO " + e.getValue() + " VALUES (?)")) {
                for (String id : IDS.get(e.getKey())) {
                  ps.setString(1, id);
                  ps.executeUpdate();
                }
              }
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
          return ds;
        });
  }

  private static void clearFacts(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("DELETE FROM " + FACT_TABLE);
    } catch (SQLException e) {
      // the table does not exist yet: the store creates it on first use
    }
  }

  static void check(SqlDialect dialect, Features features, List<Fact> facts) throws Exception {
    DataSource ds = database(dialect);
    clearFacts(ds);
    String policy = features.policy();
    JdbcFactStore store = new JdbcFactStore(ds, dialect, FACT_TABLE);
    try (Oso sql = Oso.embedded().policy(policy).factStore(store).build();
        Oso memory = Oso.embedded().policy(policy).build()) {
      List<Fact> accepted = new ArrayList<>();
      for (Fact f : facts) {
        try {
          memory.insert(f);
          accepted.add(f);
        } catch (dev.osoj.InvalidFactException e) {
          // the generated policy does not use this predicate or these types
        }
      }
      sql.batch(tx -> accepted.forEach(tx::insert));
      // two of the four users per try keep the class fast; every action and type is asked
      for (String u : List.of(USERS.get(features.bits() % 2), USERS.get(2 + (facts.size() % 2)))) {
        for (String action : ACTIONS) {
          for (String type : IDS.keySet()) {
            compare(ds, dialect, sql, memory, new Value("User", u), action, type, policy);
          }
        }
      }
    }
  }

  private static void compare(
      DataSource ds,
      SqlDialect dialect,
      Oso sql,
      Oso memory,
      Value user,
      String action,
      String type,
      String policy)
      throws SQLException {
    String what = user + " " + action + " " + type + "\n" + policy;
    List<String> expected = memory.list(user, action, type);
    assertThat(new TreeSet<>(sql.list(user, action, type)))
        .as("list %s", what)
        .isEqualTo(new TreeSet<>(expected));
    TreeSet<String> allowed = new TreeSet<>();
    for (String id : IDS.get(type)) {
      if (sql.authorize(user, action, new Value(type, id))) {
        allowed.add(id);
      }
      assertThat(memory.authorize(user, action, new Value(type, id)))
          .as("memory authorize %s %s", id, what)
          .isEqualTo(allowed.contains(id));
    }
    TreeSet<String> all = new TreeSet<>(IDS.get(type));
    assertThat(allowed)
        .as("authorize %s", what)
        .isEqualTo(expected.contains("*") ? all : new TreeSet<>(expected));
    SqlFragment where = sql.listFilter(user, action, type).toSql("t.id", dialect);
    TreeSet<String> filtered =
        GitClubLocalBindingsTest.query(
            ds,
            "SELECT t.id FROM " + TABLES.get(type) + " t WHERE " + where.sql() + " ORDER BY t.id",
            where.parameters());
    assertThat(filtered).as("filter %s", what).isEqualTo(allowed);
    SqlFragment onRow =
        sql.listFilter(user, action, type)
            .toSql(FilterTarget.of(TABLES.get(type), "t", "id"), dialect);
    assertThat(
            GitClubLocalBindingsTest.query(
                ds,
                "SELECT t.id FROM " + TABLES.get(type) + " t WHERE " + onRow.sql(),
                onRow.parameters()))
        .as("table-aware filter %s", what)
        .isEqualTo(allowed);
    // the same question with the facts held in memory: they reach the SQL as bound values
    SqlFragment fromMemory = memory.listFilter(user, action, type).toSql("t.id", dialect);
    assertThat(
            GitClubLocalBindingsTest.query(
                ds,
                "SELECT t.id FROM " + TABLES.get(type) + " t WHERE " + fromMemory.sql(),
                fromMemory.parameters()))
        .as("filter over facts in memory %s", what)
        .isEqualTo(allowed);
  }

  static TreeSet<String> filterRows(DataSource ds, SqlDialect dialect, AuthorizedFilter filter)
      throws SQLException {
    SqlFragment where = filter.toSql("t.id", dialect);
    return GitClubLocalBindingsTest.query(
        ds, "SELECT t.id FROM orgs t WHERE " + where.sql() + " ORDER BY t.id", where.parameters());
  }
}
