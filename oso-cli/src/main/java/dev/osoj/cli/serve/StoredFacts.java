package dev.osoj.cli.serve;

import dev.osoj.FactPattern;
import dev.osoj.FactStoreException;
import dev.osoj.spi.FactStore;
import dev.osoj.sql.SqlDialect;
import dev.osoj.store.JdbcFactStore;
import dev.osoj.store.MemoryFactStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/** Where {@code oso serve} keeps facts, with the two operations the Dev Server adds. */
interface StoredFacts extends AutoCloseable {
  /**
   * Returns the store.
   *
   * @return the store
   */
  FactStore store();

  /**
   * Counts the stored facts.
   *
   * @return the count
   */
  long size();

  /**
   * Deletes every fact.
   *
   * @return the facts to use from now on: this, or a fresh empty store
   */
  StoredFacts cleared();

  @Override
  void close();

  /**
   * Opens the store a {@code --store} value names.
   *
   * @param spec {@code memory}, or a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL (credentials
   *     in the URL)
   * @param maxConnections the most pooled connections
   * @return the store
   * @throws IllegalArgumentException if the value names no supported store
   */
  static StoredFacts open(String spec, int maxConnections) {
    if (spec.equals("memory")) {
      return new Memory(new MemoryFactStore());
    }
    String lower = spec.toLowerCase(Locale.ROOT);
    JdbcConnectionPool pool;
    SqlDialect dialect;
    if (lower.startsWith("jdbc:h2:")) {
      pool = JdbcConnectionPool.create(spec, "", "");
      dialect = SqlDialect.H2;
    } else if (lower.startsWith("jdbc:postgresql:")) {
      PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
      pg.setURL(spec);
      pool = JdbcConnectionPool.create(pg);
      dialect = SqlDialect.POSTGRES;
    } else {
      throw new IllegalArgumentException(
          "store '" + redact(spec) + "' is not 'memory', a jdbc:h2: or a jdbc:postgresql: URL");
    }
    pool.setMaxConnections(maxConnections);
    Jdbc jdbc = new Jdbc(new JdbcFactStore(pool, dialect), pool);
    try {
      jdbc.touch(); // fail at startup, not on the first request, when the database is unreachable
    } catch (RuntimeException e) {
      jdbc.close();
      throw e;
    }
    return jdbc;
  }

  /**
   * Returns a store value fit for logs: a JDBC URL without its parameters (which may hold a
   * password).
   *
   * @param spec the {@code --store} value
   * @return the value up to the first {@code ?} or {@code ;}
   */
  static String redact(String spec) {
    int cut = spec.length();
    for (char c : new char[] {'?', ';'}) {
      int i = spec.indexOf(c);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    return cut < spec.length() ? spec.substring(0, cut) + "…" : spec;
  }

  /** Facts in memory; clearing swaps in a new store. */
  record Memory(MemoryFactStore store) implements StoredFacts {
    @Override
    public long size() {
      return store.size();
    }

    @Override
    public StoredFacts cleared() {
      return new Memory(new MemoryFactStore());
    }

    @Override
    public void close() {}
  }

  /** Facts in a JDBC table behind a small connection pool. */
  record Jdbc(JdbcFactStore store, JdbcConnectionPool pool) implements StoredFacts {
    /** Makes the store create its table if missing (it does so on first use). */
    void touch() {
      store.get(FactPattern.of("osoj_serve_probe"));
    }

    @Override
    public long size() {
      touch();
      // the table name is the store's own, validated by JdbcFactStore
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + store.table())) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new FactStoreException("cannot count facts in '" + store.table() + "'", e);
      }
    }

    @Override
    public StoredFacts cleared() {
      touch();
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM " + store.table());
        if (!c.getAutoCommit()) {
          c.commit();
        }
        return this;
      } catch (SQLException e) {
        throw new FactStoreException("cannot clear facts in '" + store.table() + "'", e);
      }
    }

    @Override
    public void close() {
      pool.dispose();
    }
  }
}
