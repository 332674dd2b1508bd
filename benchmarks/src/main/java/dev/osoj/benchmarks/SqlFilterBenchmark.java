package dev.osoj.benchmarks;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.jooq.OsoJooq;
import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.FilterTarget;
import dev.osoj.sql.LocalBindings;
import dev.osoj.sql.SqlDialect;
import dev.osoj.sql.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Data filtering on the 1M-repository GitClub schema ({@link SqlSchema}) through local bindings:
 * one page ({@code ORDER BY name LIMIT 50}) and {@code COUNT(*)} of the repositories a user may
 * read, with the generated filter (planning included, in its table-aware form {@link
 * AuthorizedFilter#toSql(FilterTarget, dev.osoj.sql.SqlDialect)}), with the same query written by
 * hand with {@code IN} sub-queries (also with the role tests the generated filter makes, {@code
 * handPageRoles}, {@code handCountRoles}) and as joins, the comparison the issue names ({@code
 * handPageJoins}, {@code handCountJoins}), in the column form {@link AuthorizedFilter#toSql(String,
 * dev.osoj.sql.SqlDialect)} (what the integrations used to produce), and the naive way (fetch the
 * authorized ids, then {@code id IN (…)}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SqlFilterBenchmark -f 1 -wi 2 -i 3 -w
 * 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g"})
public class SqlFilterBenchmark {
  /** The table the filter restricts, as the queries below name it. */
  private static final FilterTarget REPOS = FilterTarget.of("repositories", "r", "id");

  /**
   * The repositories table as jOOQ code would declare it (unquoted names, primary key {@code id}).
   */
  private static final class Repositories extends TableImpl<Record> {
    private static final long serialVersionUID = 1L;
    final TableField<Record, Integer> id =
        createField(DSL.unquotedName("id"), SQLDataType.INTEGER, this);
    final TableField<Record, String> name =
        createField(DSL.unquotedName("name"), SQLDataType.VARCHAR, this);

    Repositories() {
      super(DSL.unquotedName("repositories"));
    }

    @Override
    public UniqueKey<Record> getPrimaryKey() {
      return Internal.createUniqueKey(this, id);
    }
  }

  private static final Repositories REPOSITORIES = new Repositories();

  /** {@code repositories r}, as the other queries name it. */
  private static final Table<?> R = REPOSITORIES.as(DSL.unquotedName("r"));

  private static final org.jooq.Field<Integer> R_ID = R.field(REPOSITORIES.id);
  private static final org.jooq.Field<String> R_NAME = R.field(REPOSITORIES.name);

  /**
   * {@code r.id} as a field made from a name only, which OsoJooq renders in its jOOQ-built form.
   */
  private static final org.jooq.Field<Integer> R_ID_NAME =
      DSL.field(DSL.unquotedName("r", "id"), Integer.class);

  private static final String HAND_WHERE =
      "(r.is_public OR r.org_id IN (SELECT o.org_id FROM org_roles o WHERE o.user_id = ?)"
          + " OR r.id IN (SELECT p.repo_id FROM repo_roles p WHERE p.user_id = ?))";

  /**
   * The hand-written condition with the role tests the policy asks for. {@link #HAND_WHERE} leaves
   * them out, which is only right because this data set holds no other roles; the generated filter
   * cannot know that and tests them.
   */
  private static final String HAND_WHERE_ROLES =
      "(r.is_public OR r.org_id IN (SELECT o.org_id FROM org_roles o"
          + " WHERE o.user_id = ? AND o.role IN (?, ?))"
          + " OR r.id IN (SELECT p.repo_id FROM repo_roles p"
          + " WHERE p.user_id = ? AND p.role IN (?, ?)))";

  private static final List<Object> HAND_ROLES_PARAMS =
      List.of(42, "member", "admin", 42, "reader", "maintainer");

  /**
   * The same question written by hand as joins, the comparison the issue names: each role table
   * joined on the user, a row kept when it is public or either join found a role. {@code DISTINCT}
   * because a join multiplies a repository by the roles that reach it (a user may hold both
   * repository roles on one repository). Takes {@link #HAND_ROLES_PARAMS}.
   */
  private static final String HAND_JOINS =
      " FROM repositories r"
          + " LEFT JOIN org_roles o ON o.org_id = r.org_id AND o.user_id = ? AND o.role IN (?, ?)"
          + " LEFT JOIN repo_roles p ON p.repo_id = r.id AND p.user_id = ? AND p.role IN (?, ?)"
          + " WHERE r.is_public OR o.user_id IS NOT NULL OR p.user_id IS NOT NULL";

  @Param({"H2", "POSTGRES"})
  public String dialectName;

  private SqlDialect dialect;
  private DataSource ds;
  private Oso oso;
  private DSLContext jooq;
  private final Value user = new Value("User", "42");

  /** Creates and fills the schema, then checks that the three ways agree. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    dialect = SqlDialect.valueOf(dialectName);
    ds = SqlSchema.open(dialect);
    SqlSchema.create(ds, dialect);
    oso =
        Oso.embedded()
            .policy(SqlSchema.resource("gitclub-sql.polar"))
            .localBindings(LocalBindings.fromYaml(SqlSchema.resource("gitclub-sql-bindings.yaml")))
            .sqlDialect(dialect)
            .build();
    jooq = DSL.using(ds, dialect == SqlDialect.H2 ? SQLDialect.H2 : SQLDialect.POSTGRES);
    List<String> generated = filterPage();
    List<String> hand = handPage();
    if (!generated.equals(hand)
        || filterCount() != handCount()
        || !handPageRoles().equals(hand)
        || handCountRoles() != handCount()
        || !handPageJoins().equals(hand)
        || handCountJoins() != handCount()
        || !naivePage().equals(hand)
        || !filterPageColumn().equals(hand)
        || filterCountColumn() != handCount()
        || !jooqPage().stream().map(String::valueOf).toList().equals(hand)
        || !jooqPageBuilt().stream().map(String::valueOf).toList().equals(hand)) {
      throw new IllegalStateException("filter, hand-written and naive queries disagree");
    }
  }

  /** Stops the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    oso.close();
    SqlSchema.close();
  }

  /**
   * Plans and renders the filter many times, as a long-running application would have before, so
   * that planning runs compiled rather than interpreted (probes run each query only a few dozen
   * times, too few for the JIT).
   */
  void warmUpPlanning(int times) {
    int length = 0;
    for (int i = 0; i < times; i++) {
      length += oso.listFilter(user, "read", "Repository").toSql(REPOS, dialect).sql().length();
    }
    if (length == 0) {
      throw new IllegalStateException("empty filter");
    }
  }

  /** One page through the generated filter, planning included. */
  @Benchmark
  public List<String> filterPage() throws SQLException {
    SqlFragment where = oso.listFilter(user, "read", "Repository").toSql(REPOS, dialect);
    return ids(
        "SELECT r.id FROM repositories r WHERE " + where.sql() + " ORDER BY r.name, r.id LIMIT 50",
        where.parameters());
  }

  /** COUNT(*) through the generated filter, planning included. */
  @Benchmark
  public long filterCount() throws SQLException {
    AuthorizedFilter filter = oso.listFilter(user, "read", "Repository");
    SqlFragment where = filter.toSql(REPOS, dialect);
    return Long.parseLong(
        ids("SELECT COUNT(*) FROM repositories r WHERE " + where.sql(), where.parameters()).get(0));
  }

  /**
   * One page through the generated filter in its column form ({@link AuthorizedFilter#toSql(String,
   * SqlDialect)} on {@code r.id}, one {@code r.id IN (…)} per branch), planning included.
   */
  @Benchmark
  public List<String> filterPageColumn() throws SQLException {
    SqlFragment where = oso.listFilter(user, "read", "Repository").toSql("r.id", dialect);
    return ids(
        "SELECT r.id FROM repositories r WHERE " + where.sql() + " ORDER BY r.name, r.id LIMIT 50",
        where.parameters());
  }

  /** COUNT(*) through the generated filter in its column form, planning included. */
  @Benchmark
  public long filterCountColumn() throws SQLException {
    SqlFragment where = oso.listFilter(user, "read", "Repository").toSql("r.id", dialect);
    return Long.parseLong(
        ids("SELECT COUNT(*) FROM repositories r WHERE " + where.sql(), where.parameters()).get(0));
  }

  /**
   * One page through {@link OsoJooq} (the table-aware form rendered into a jOOQ query), planning
   * included.
   */
  @Benchmark
  public List<Integer> jooqPage() {
    return jooq.select(R_ID)
        .from(R)
        .where(OsoJooq.authorized(oso, user, "read", "Repository", R_ID))
        .orderBy(R_NAME, R_ID)
        .limit(50)
        .fetch(R_ID);
  }

  /**
   * The same page through {@link OsoJooq} in its jOOQ-built form (one {@code r.id IN (…)} per
   * branch, bindings not inlined), what OsoJooq rendered for every column before it used the
   * table-aware form.
   */
  @Benchmark
  public List<Integer> jooqPageBuilt() {
    return jooq.select(R_ID)
        .from(R)
        .where(OsoJooq.authorized(oso, user, "read", "Repository", R_ID_NAME))
        .orderBy(R_NAME, R_ID)
        .limit(50)
        .fetch(R_ID);
  }

  /** One page, written by hand. */
  @Benchmark
  public List<String> handPage() throws SQLException {
    return ids(
        "SELECT r.id FROM repositories r WHERE " + HAND_WHERE + " ORDER BY r.name, r.id LIMIT 50",
        List.of(42, 42));
  }

  /** COUNT(*), written by hand. */
  @Benchmark
  public long handCount() throws SQLException {
    return Long.parseLong(
        ids("SELECT COUNT(*) FROM repositories r WHERE " + HAND_WHERE, List.of(42, 42)).get(0));
  }

  /** One page, written by hand with the role tests. */
  @Benchmark
  public List<String> handPageRoles() throws SQLException {
    return ids(
        "SELECT r.id FROM repositories r WHERE "
            + HAND_WHERE_ROLES
            + " ORDER BY r.name, r.id LIMIT 50",
        HAND_ROLES_PARAMS);
  }

  /** COUNT(*), written by hand with the role tests. */
  @Benchmark
  public long handCountRoles() throws SQLException {
    return Long.parseLong(
        ids("SELECT COUNT(*) FROM repositories r WHERE " + HAND_WHERE_ROLES, HAND_ROLES_PARAMS)
            .get(0));
  }

  /** One page, written by hand as joins. */
  @Benchmark
  public List<String> handPageJoins() throws SQLException {
    return ids(
        "SELECT DISTINCT r.id, r.name" + HAND_JOINS + " ORDER BY r.name, r.id LIMIT 50",
        HAND_ROLES_PARAMS);
  }

  /** COUNT of the repositories, written by hand as joins. */
  @Benchmark
  public long handCountJoins() throws SQLException {
    return Long.parseLong(
        ids("SELECT COUNT(DISTINCT r.id)" + HAND_JOINS, HAND_ROLES_PARAMS).get(0));
  }

  /** The naive way: fetch every authorized id, then one page with {@code id IN (…)}. */
  @Benchmark
  public List<String> naivePage() throws SQLException {
    SqlFragment where = oso.listFilter(user, "read", "Repository").toSql("r.id", dialect);
    List<String> all =
        ids("SELECT r.id FROM repositories r WHERE " + where.sql(), where.parameters());
    StringBuilder in = new StringBuilder();
    List<Object> params = new ArrayList<>();
    for (String id : all) {
      in.append(in.length() == 0 ? "?" : ", ?");
      params.add(Integer.parseInt(id));
    }
    return ids(
        "SELECT r.id FROM repositories r WHERE r.id IN (" + in + ") ORDER BY r.name, r.id LIMIT 50",
        params);
  }

  private List<String> ids(String sql, List<Object> params) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }
}
