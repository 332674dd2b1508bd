package dev.osoj;

import static java.util.Objects.requireNonNull;

import dev.osoj.internal.embedded.EmbeddedOso;
import dev.osoj.internal.embedded.EvaluatorEngine;
import dev.osoj.internal.embedded.LocalSql;
import dev.osoj.internal.embedded.PolarFrontEnd;
import dev.osoj.internal.embedded.PolicyFrontEnd;
import dev.osoj.internal.embedded.QuestionEngine;
import dev.osoj.internal.plan.LocalSqlWriter;
import dev.osoj.internal.polar.Negation;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.internal.store.FactDatabaseHolder;
import dev.osoj.spi.FactStore;
import dev.osoj.sql.LocalBindings;
import dev.osoj.sql.SqlDialect;
import dev.osoj.store.JdbcFactStore;
import dev.osoj.store.MemoryFactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Configures an embedded {@link Oso}: the policy, where facts live and the clock.
 *
 * <pre>{@code
 * Oso oso = Oso.embedded()
 *     .policy(Path.of("policies/main.polar"), Path.of("policies/orgs.polar"))
 *     .factStore(new MemoryFactStore())      // the default
 *     .clock(Clock.systemUTC())              // the default
 *     .build();
 * }</pre>
 *
 * <p>Each setting may be given once; {@code policy(…)} and {@code policySources} may be combined
 * and add files. {@link #build()} reads the files, loads the policy and runs its tests, so a broken
 * policy fails there. The builder is not thread-safe; the built instance is.
 */
public final class EmbeddedBuilder {
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<Path> files = new ArrayList<>();
  private @Nullable FactStore factStore;
  private @Nullable Clock clock;
  private int inlineCount;
  private @Nullable LocalBindings localBindings;
  private @Nullable SqlDialect sqlDialect;
  private boolean extendedNegation;

  EmbeddedBuilder() {}

  /**
   * Adds policy files, read when {@link #build()} runs.
   *
   * @param paths the files
   * @return this builder
   */
  public EmbeddedBuilder policy(Path... paths) {
    for (Path path : paths) {
      files.add(requireNonNull(path, "path"));
    }
    return this;
  }

  /**
   * Adds policy text, named {@code policy.polar} in messages ({@code policy-2.polar} and so on when
   * called again).
   *
   * @param source the Polar source
   * @return this builder
   */
  public EmbeddedBuilder policy(String source) {
    requireNonNull(source, "source");
    inlineCount++;
    String name = inlineCount == 1 ? "policy.polar" : "policy-" + inlineCount + ".polar";
    return policySources(Map.of(name, source));
  }

  /**
   * Adds policy texts by file name.
   *
   * @param filesToText file name (used in messages) to Polar source
   * @return this builder
   * @throws IllegalArgumentException if a file name was already added
   */
  public EmbeddedBuilder policySources(Map<String, String> filesToText) {
    filesToText.forEach(
        (name, text) -> {
          requireNonNull(name, "file name");
          requireNonNull(text, "text");
          if (sources.putIfAbsent(name, text) != null) {
            throw new IllegalArgumentException("policy file '" + name + "' is given twice");
          }
        });
    return this;
  }

  /**
   * Sets where facts are stored; the default is a new {@link MemoryFactStore}.
   *
   * @param store the store
   * @return this builder
   * @throws IllegalStateException if already set
   */
  public EmbeddedBuilder factStore(FactStore store) {
    requireNonNull(store, "store");
    checkUnset(factStore, "factStore");
    this.factStore = store;
    return this;
  }

  /**
   * Sets the clock that gives {@code @current_unix_time}, read once per question; the default is
   * the system clock in UTC.
   *
   * @param clock the clock
   * @return this builder
   * @throws IllegalStateException if already set
   */
  public EmbeddedBuilder clock(Clock clock) {
    requireNonNull(clock, "clock");
    checkUnset(this.clock, "clock");
    this.clock = clock;
    return this;
  }

  /**
   * Sets the local bindings: fact predicates read from the application's own tables by the local
   * methods ({@link Oso#authorizeLocal}, {@link Oso#listLocal}, …) and by {@link Oso#listFilter}.
   * Questions answered by the engine ({@link Oso#authorize}, {@link Oso#list}) do not read them.
   *
   * @param bindings the bindings
   * @return this builder
   * @throws IllegalStateException if already set
   */
  public EmbeddedBuilder localBindings(LocalBindings bindings) {
    requireNonNull(bindings, "bindings");
    checkUnset(this.localBindings, "localBindings");
    this.localBindings = bindings;
    return this;
  }

  /**
   * Sets the SQL dialect of the local methods' output; defaults to the dialect of a {@link
   * JdbcFactStore}, else PostgreSQL.
   *
   * @param dialect the dialect
   * @return this builder
   * @throws IllegalStateException if already set
   */
  public EmbeddedBuilder sqlDialect(SqlDialect dialect) {
    requireNonNull(dialect, "dialect");
    checkUnset(this.sqlDialect, "sqlDialect");
    this.sqlDialect = dialect;
    return this;
  }

  /**
   * Accepts any stratified negation in this instance's policies, now and on every later {@link
   * Oso#policy} call. By default {@code not} applies only to a single stored-fact lookup, as Oso
   * Cloud documents, so a policy that loads here also loads there. With extended negation, {@code
   * not} may also apply to a predicate that rules derive and to compound conditions:
   *
   * <pre>{@code
   * has_permission(u: User, "merge", pr: PullRequest) if
   *   has_role(u, "maintainer", pr) and
   *   not (has_role(u, "author", pr) and not self_merge_allowed(pr));
   * }</pre>
   *
   * <p>A predicate may not depend on its own negation through recursion ({@code InvalidNegation}
   * names the cycle). Variables that occur only inside a negated condition are quantified inside
   * it; the others must occur in a positive call of the rule. Policy tests' {@code iff} conditions
   * still negate single calls only. The SQL planner ({@link Oso#listFilter}, the local methods,
   * {@code JdbcFactStore}) turns each negation into an anti-join and refuses, with an error naming
   * the rule, a negated condition it cannot express.
   *
   * @param enabled true to accept extended negation
   * @return this builder
   */
  public EmbeddedBuilder extendedNegation(boolean enabled) {
    this.extendedNegation = enabled;
    return this;
  }

  private static void checkUnset(@Nullable Object current, String setting) {
    if (current != null) {
      throw new IllegalStateException("setting '" + setting + "' was already given");
    }
  }

  /**
   * Reads the policy files, loads the policy (running its tests) and builds the instance.
   *
   * @return the instance
   * @throws IllegalArgumentException if a policy file cannot be read, or the fact store is neither
   *     a {@code MemoryFactStore} nor a {@code JdbcFactStore}
   * @throws PolicyException if the policy does not parse, validate or pass its tests
   */
  public Oso build() {
    Map<String, String> all = new LinkedHashMap<>();
    for (Path path : files) {
      String name = path.toString();
      if (all.containsKey(name) || sources.containsKey(name)) {
        throw new IllegalArgumentException("policy file '" + name + "' is given twice");
      }
      all.put(name, read(path));
    }
    all.putAll(sources);
    FactStore store = factStore == null ? new MemoryFactStore() : factStore;
    QuestionEngine engine = engineFor(store);
    Clock c = clock == null ? Clock.systemUTC() : clock;
    PolicyFrontEnd compiler =
        new PolarFrontEnd(extendedNegation ? Negation.EXTENDED : Negation.STRICT);
    LocalSql sql = localSqlFor(store, c);
    return new EmbeddedOso(store, engine, sql, compiler, c, all);
  }

  private LocalSql localSqlFor(FactStore store, Clock c) {
    SqlDialect dialect = sqlDialect;
    if (dialect == null) {
      dialect =
          store instanceof JdbcFactStore ? ((JdbcFactStore) store).dialect() : SqlDialect.POSTGRES;
    }
    LocalBindings b = localBindings == null ? LocalBindings.empty() : localBindings;
    return new LocalSqlWriter(b, dialect, store, c);
  }

  private static QuestionEngine engineFor(FactStore store) {
    if (store instanceof QuestionEngine.Provider) {
      return ((QuestionEngine.Provider) store).questionEngine();
    }
    FactDatabase database = FactDatabaseHolder.databaseOf(store);
    if (database != null) {
      return new EvaluatorEngine(database);
    }
    throw new IllegalArgumentException(
        "fact store '"
            + store.getClass().getName()
            + "' has no question engine; use MemoryFactStore or JdbcFactStore");
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read policy file '" + path + "'", e);
    }
  }
}
