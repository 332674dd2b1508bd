package dev.osoj.benchmarks;

import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.sql.SqlDialect;
import dev.osoj.store.JdbcFactStore;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code authorize} answered in SQL by {@link JdbcFactStore} on PostgreSQL, over the GitClub facts
 * of {@link SqlSchema} (about 1.07M facts in the managed table): a question is planned (plans and
 * statements are cached per question shape, so after the first question this is a cache lookup and
 * a parameter substitution), then run as one statement on a connection from a HikariCP pool of 4.
 * The 64 user/repository pairs asked in turn share one shape. {@link #roundTrip} runs a trivial
 * statement through the same pool, the floor that the round trip alone sets on this machine.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SqlAuthorizeBenchmark -f 1 -wi 2 -i 3
 * -w 1s -r 1s}. Prefixed with {@code taskset -c 0}, the JVM, its fork and the database it starts
 * share one core: on a virtual machine that halts idle CPUs this takes the hypervisor's wake-ups
 * out of the round trip (see {@code results-sql.md}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class SqlAuthorizeBenchmark {
  private Oso oso;
  private DataSource ds;
  private final Value[] users = new Value[64];
  private final Value[] repos = new Value[64];
  private int next;

  /** Creates the schema and copies it into the fact table. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    ds = SqlSchema.open(SqlDialect.POSTGRES);
    SqlSchema.create(ds, SqlDialect.POSTGRES);
    JdbcFactStore store = new JdbcFactStore(ds, SqlDialect.POSTGRES);
    store.get(dev.osoj.FactPattern.of("is_public", dev.osoj.ValuePattern.ANY));
    SqlSchema.copyFacts(ds, SqlDialect.POSTGRES);
    // A table in service has been vacuumed; without this, autovacuum of the freshly copied million
    // rows runs during the measurement.
    try (java.sql.Connection c = ds.getConnection();
        java.sql.Statement st = c.createStatement()) {
      st.execute("VACUUM ANALYZE osoj_facts");
    }
    oso = Oso.embedded().policy(SqlSchema.resource("gitclub-sql.polar")).factStore(store).build();
    for (int i = 0; i < users.length; i++) {
      users[i] = new Value("User", Integer.toString(1 + (i * 157) % SqlSchema.USERS));
      repos[i] = new Value("Repository", Integer.toString(1 + (i * 15_485_863) % SqlSchema.REPOS));
    }
  }

  /** Stops the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    oso.close();
    SqlSchema.close();
  }

  /** One authorize question. */
  @Benchmark
  public boolean authorize() {
    int i = next++ & 63;
    return oso.authorize(users[i], "read", repos[i]);
  }

  /**
   * The floor under {@link #authorize}: a trivial statement with one parameter on a connection from
   * the same pool, which measures the round trip to the database on this machine.
   */
  @Benchmark
  public boolean roundTrip() throws SQLException {
    try (java.sql.Connection c = ds.getConnection();
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT ? > 0")) {
      ps.setInt(1, next++ & 63);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
