package dev.osoj.store;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.FactStoreException;
import dev.osoj.InvalidFactException;
import dev.osoj.Value;
import dev.osoj.ValuePattern;
import dev.osoj.internal.embedded.QuestionEngine;
import dev.osoj.internal.plan.FactSources;
import dev.osoj.internal.plan.FactValues;
import dev.osoj.internal.plan.SqlQuestions;
import dev.osoj.spi.FactChange;
import dev.osoj.spi.FactStore;
import dev.osoj.sql.FactSource;
import dev.osoj.sql.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps facts in one table of the application's database, so several application instances share
 * one truth. Every question asked through an {@link dev.osoj.Oso} built on this store (authorize,
 * list, actions, queries) is planned and run as one SQL statement against that table, with context
 * facts bound as {@code VALUES}.
 *
 * <pre>{@code
 * Oso oso = Oso.embedded()
 *     .policy(Path.of("policy.polar"))
 *     .factStore(new JdbcFactStore(dataSource, SqlDialect.POSTGRES))
 *     .build();
 * }</pre>
 *
 * <p>The table (default {@value #DEFAULT_TABLE}) is created on first use if missing, with one row
 * per fact: a primary key {@code fact_key} (SHA-256 of the fact), {@code predicate}, {@code arity}
 * and per argument position {@code i < 5} a type column {@code t<i>} and an id column {@code v<i>}
 * (empty strings beyond the arity). Indexes: {@code (predicate, v<i>, t<i>)} for positions 0 to 2.
 * Every {@link #apply} runs in one transaction: all of it or nothing.
 *
 * <p>Questions of one shape (same policy, question kind, action and types of the bound values)
 * reuse one plan and one SQL text with the values bound as parameters, so the driver and the
 * database can reuse a prepared statement and its plan. A question is planned afresh when the
 * policy names one of its values as a constant (such as {@code allow(User{"alice"}, ...)}) or uses
 * {@code @current_unix_time}, and when it carries context facts.
 *
 * <p>Limitations: facts of more than 5 arguments and ids holding a NUL character are refused
 * ({@link InvalidFactException}); ids are compared as text, case-sensitively (PostgreSQL and H2
 * defaults; a case-insensitive collation on the table would over-grant).
 *
 * <p>Thread-safe.
 */
public final class JdbcFactStore implements FactStore, QuestionEngine.Provider {
  /** The default table name. */
  public static final String DEFAULT_TABLE = "osoj_facts";

  private static final Logger logger = LoggerFactory.getLogger(JdbcFactStore.class);
  private static final int MAX_ARITY = FactSource.FACT_TABLE_MAX_ARITY;

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final String table;
  private final QuestionEngine engine;
  private final FactSources stored;
  private volatile boolean ready;

  /**
   * Creates a store on the default table.
   *
   * @param dataSource the application's data source
   * @param dialect its dialect
   */
  public JdbcFactStore(DataSource dataSource, SqlDialect dialect) {
    this(dataSource, dialect, DEFAULT_TABLE);
  }

  /**
   * Creates a store on a named table.
   *
   * @param dataSource the application's data source
   * @param dialect its dialect
   * @param table the table name, optionally schema-qualified; checked with {@link
   *     SqlDialect#checkIdentifier}
   */
  public JdbcFactStore(DataSource dataSource, SqlDialect dialect, String table) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.dialect = requireNonNull(dialect, "dialect");
    this.table = SqlDialect.checkIdentifier(table);
    this.stored = FactSources.factTable(this.table);
    this.engine = new SqlQuestions(dataSource, dialect, (program, context) -> sources(context));
  }

  /**
   * Returns the fact sources of this table plus context facts, for planning a question.
   *
   * @param contextFacts the question's context facts
   * @return the sources
   */
  FactSources sources(List<Fact> contextFacts) {
    ensureTable();
    return contextFacts.isEmpty() ? stored : stored.and(FactValues.of(contextFacts));
  }

  /**
   * Returns the table name.
   *
   * @return the table
   */
  public String table() {
    return table;
  }

  /**
   * Returns the dialect.
   *
   * @return the dialect
   */
  public SqlDialect dialect() {
    return dialect;
  }

  @Override
  public QuestionEngine questionEngine() {
    return engine;
  }

  @Override
  public void apply(List<FactChange> changes) {
    for (FactChange c : changes) {
      if (c instanceof FactChange.Insert) {
        check(((FactChange.Insert) c).fact());
      }
    }
    ensureTable();
    try (Connection conn = dataSource.getConnection()) {
      boolean auto = conn.getAutoCommit();
      conn.setAutoCommit(false);
      try {
        for (FactChange c : changes) {
          write(conn, c);
        }
        conn.commit();
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new FactStoreException(
          "could not write facts to '" + table + "': " + e.getMessage(), e);
    }
  }

  private static void check(Fact fact) {
    if (fact.arity() > MAX_ARITY) {
      throw new InvalidFactException(
          "fact '"
              + fact
              + "' has "
              + fact.arity()
              + " arguments; the fact table holds at most "
              + MAX_ARITY);
    }
    for (Value v : fact.args()) {
      if (v.id().indexOf('\0') >= 0 || v.type().indexOf('\0') >= 0) {
        throw new InvalidFactException("fact '" + fact + "' holds a NUL character");
      }
    }
  }

  private void write(Connection conn, FactChange change) throws SQLException {
    if (change instanceof FactChange.Insert) {
      insert(conn, ((FactChange.Insert) change).fact());
    } else if (change instanceof FactChange.Delete) {
      FactPattern p = ((FactChange.Delete) change).pattern();
      List<Object> params = new ArrayList<>();
      String where = where(p, params);
      try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + table + where)) {
        bind(ps, params);
        ps.executeUpdate();
      }
    } else {
      throw new AssertionError(change);
    }
  }

  private void insert(Connection conn, Fact fact) throws SQLException {
    StringBuilder cols = new StringBuilder("fact_key, predicate, arity");
    StringBuilder marks = new StringBuilder("?, ?, ?");
    for (int i = 0; i < MAX_ARITY; i++) {
      cols.append(", t").append(i).append(", v").append(i);
      marks.append(", ?, ?");
    }
    String sql =
        dialect == SqlDialect.POSTGRES
            ? "INSERT INTO "
                + table
                + " ("
                + cols
                + ") VALUES ("
                + marks
                + ") ON CONFLICT (fact_key) DO NOTHING"
            : "MERGE INTO " + table + " (" + cols + ") KEY (fact_key) VALUES (" + marks + ")";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      int k = 1;
      ps.setString(k++, key(fact));
      ps.setString(k++, fact.predicate());
      ps.setInt(k++, fact.arity());
      for (int i = 0; i < MAX_ARITY; i++) {
        Value v = i < fact.arity() ? fact.args().get(i) : null;
        ps.setString(k++, v == null ? "" : v.type());
        ps.setString(k++, v == null ? "" : v.id());
      }
      ps.executeUpdate();
    }
  }

  private static String where(FactPattern p, List<Object> params) {
    StringBuilder w = new StringBuilder(" WHERE predicate = ? AND arity = ?");
    params.add(p.predicate());
    params.add(p.args().size());
    for (int i = 0; i < p.args().size() && i < MAX_ARITY; i++) {
      ValuePattern vp = p.args().get(i);
      if (vp instanceof ValuePattern.Exact) {
        Value v = ((ValuePattern.Exact) vp).value();
        w.append(" AND t").append(i).append(" = ? AND v").append(i).append(" = ?");
        params.add(v.type());
        params.add(v.id());
      } else if (vp instanceof ValuePattern.OfType) {
        w.append(" AND t").append(i).append(" = ?");
        params.add(((ValuePattern.OfType) vp).type());
      }
    }
    return w.toString();
  }

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
  }

  @Override
  public List<Fact> get(FactPattern pattern) {
    requireNonNull(pattern, "pattern");
    if (pattern.args().size() > MAX_ARITY) {
      return List.of();
    }
    ensureTable();
    List<Object> params = new ArrayList<>();
    String sql = "SELECT * FROM " + table + where(pattern, params);
    List<Fact> out = new ArrayList<>();
    try (Connection conn = dataSource.getConnection();
        PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Value> args = new ArrayList<>();
          for (int i = 0; i < rs.getInt("arity"); i++) {
            args.add(new Value(rs.getString("t" + i), rs.getString("v" + i)));
          }
          out.add(new Fact(rs.getString("predicate"), args));
        }
      }
    } catch (SQLException e) {
      throw new FactStoreException(
          "could not read facts from '" + table + "': " + e.getMessage(), e);
    }
    return out;
  }

  private void ensureTable() {
    if (ready) {
      return;
    }
    synchronized (this) {
      if (ready) {
        return;
      }
      String text = dialect == SqlDialect.POSTGRES ? "TEXT" : "VARCHAR(1600)";
      StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table);
      ddl.append(" (fact_key CHAR(64) PRIMARY KEY, predicate ").append(text).append(" NOT NULL, ");
      ddl.append("arity INTEGER NOT NULL");
      for (int i = 0; i < MAX_ARITY; i++) {
        ddl.append(", t").append(i).append(' ').append(text).append(" NOT NULL");
        ddl.append(", v").append(i).append(' ').append(text).append(" NOT NULL");
      }
      ddl.append(')');
      String base = table.substring(table.lastIndexOf('.') + 1).replace("\"", "");
      try (Connection conn = dataSource.getConnection();
          Statement st = conn.createStatement()) {
        st.execute(ddl.toString());
        for (int i = 0; i < 3; i++) {
          String index = SqlDialect.checkSimpleIdentifier(base + "_p" + i);
          st.execute(
              "CREATE INDEX IF NOT EXISTS "
                  + index
                  + " ON "
                  + table
                  + " (predicate, v"
                  + i
                  + ", t"
                  + i
                  + ")");
        }
      } catch (SQLException e) {
        throw new FactStoreException(
            "could not create fact table '" + table + "': " + e.getMessage(), e);
      }
      logger.debug("fact table '{}' ready", table);
      ready = true;
    }
  }

  private static String key(Fact fact) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(fact.predicate().length()).append(':').append(fact.predicate());
    for (Value v : fact.args()) {
      canonical.append('|').append(v.type().length()).append(':').append(v.type());
      canonical.append('|').append(v.id().length()).append(':').append(v.id());
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
