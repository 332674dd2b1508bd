package dev.osoj.internal.embedded;

import static java.util.Objects.requireNonNull;

import dev.osoj.Diagnostic;
import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.InvalidFactException;
import dev.osoj.ListPage;
import dev.osoj.Oso;
import dev.osoj.PolicyMetadata;
import dev.osoj.PolicyValidationException;
import dev.osoj.Query;
import dev.osoj.Transaction;
import dev.osoj.Value;
import dev.osoj.internal.program.Block;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.testing.PolarTestRunner;
import dev.osoj.internal.testing.TestReport;
import dev.osoj.spi.FactChange;
import dev.osoj.spi.FactStore;
import dev.osoj.sql.AuthorizedFilter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link Oso}: a policy held in a volatile field, a {@link FactStore}, a {@link
 * QuestionEngine} answering questions and optionally a {@link LocalSql} writing SQL.
 *
 * <ul>
 *   <li>Policy: {@link #policy(String)} parses, checks, runs the policy's tests and prepares the
 *       engine before swapping the program in with one volatile write; any failure leaves the
 *       previous policy in force. A question reads the field once and is answered under that
 *       program.
 *   <li>Facts: every inserted and every context fact is checked against the program's fact
 *       signatures first ({@link InvalidFactException}); a batch is checked as a whole before the
 *       store sees any of it.
 *   <li>{@code list} and {@code actions} return {@code ["*"]} when every value qualifies (a
 *       wildcard rule, polar.md §5.7); {@code actions} is sorted; {@code list} ids are sorted, and
 *       {@code listPaginated} pages through that order with opaque tokens that stay valid across
 *       writes (a token names the last id returned).
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class EmbeddedOso implements Oso {
  private static final Logger logger = LoggerFactory.getLogger(EmbeddedOso.class);
  private static final Logger decisions = LoggerFactory.getLogger("dev.osoj.decisions");
  private static final String WILDCARD = "*";
  private static final String TOKEN_PREFIX = "after:";

  private final FactStore store;
  private final QuestionEngine engine;
  private final @Nullable LocalSql localSql;
  private final PolicyFrontEnd compiler;
  private final Clock clock;
  private final Object policyLock = new Object();
  private volatile Program program;

  /**
   * Creates an instance; {@link dev.osoj.EmbeddedBuilder} is the public way.
   *
   * @param store the fact store
   * @param engine the question engine over that store
   * @param localSql the SQL writer, or null
   * @param compiler the policy front end
   * @param clock the source of {@code @current_unix_time}
   * @param initial the policy files to load, or empty for an empty policy
   * @throws dev.osoj.PolicyException if the initial policy does not load
   */
  public EmbeddedOso(
      FactStore store,
      QuestionEngine engine,
      @Nullable LocalSql localSql,
      PolicyFrontEnd compiler,
      Clock clock,
      Map<String, String> initial) {
    this.store = requireNonNull(store, "store");
    this.engine = requireNonNull(engine, "engine");
    this.localSql = localSql;
    this.compiler = requireNonNull(compiler, "compiler");
    this.clock = requireNonNull(clock, "clock");
    this.program = initial.isEmpty() ? compiler.compile(Map.of()) : load(initial);
    engine.prepare(program);
  }

  /**
   * Returns the program in force.
   *
   * @return the program
   */
  public Program program() {
    return program;
  }

  // ---- policy ----

  @Override
  public void policy(String source) {
    requireNonNull(source, "source");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("policy.polar", source);
    policy(files);
  }

  /**
   * Replaces the policy with several files loaded together.
   *
   * @param filesToText file name to text
   */
  public void policy(Map<String, String> filesToText) {
    synchronized (policyLock) {
      Program next = load(filesToText);
      engine.prepare(next);
      program = next;
      logger.info("policy loaded: {} rules, {} tests", next.rules().size(), next.tests().size());
    }
  }

  private Program load(Map<String, String> filesToText) {
    Program next = compiler.compile(new LinkedHashMap<>(filesToText));
    TestReport report = new PolarTestRunner(next, clock).run();
    if (!report.success()) {
      List<Diagnostic> diagnostics = new ArrayList<>(report.diagnostics());
      throw new PolicyValidationException(diagnostics);
    }
    return next;
  }

  @Override
  public PolicyMetadata policyMetadata() {
    Program p = program;
    Map<String, PolicyMetadata.ResourceMetadata> resources = new LinkedHashMap<>();
    p.blocks().forEach((type, block) -> resources.put(type, metadata(block)));
    Block global = p.global();
    if (global != null) {
      resources.put("global", metadata(global));
    }
    return new PolicyMetadata(resources);
  }

  private static PolicyMetadata.ResourceMetadata metadata(Block block) {
    return new PolicyMetadata.ResourceMetadata(
        block.roles(), block.permissions(), block.relations());
  }

  // ---- facts ----

  @Override
  public void insert(Fact fact) {
    requireNonNull(fact, "fact");
    check(program, fact);
    store.apply(List.of(new FactChange.Insert(fact)));
  }

  @Override
  public void delete(FactPattern pattern) {
    requireNonNull(pattern, "pattern");
    store.apply(List.of(new FactChange.Delete(pattern)));
  }

  @Override
  public void batch(Consumer<Transaction> writes) {
    requireNonNull(writes, "writes");
    List<FactChange> changes = new ArrayList<>();
    writes.accept(
        new Transaction() {
          @Override
          public void insert(Fact fact) {
            changes.add(new FactChange.Insert(requireNonNull(fact, "fact")));
          }

          @Override
          public void delete(FactPattern pattern) {
            changes.add(new FactChange.Delete(requireNonNull(pattern, "pattern")));
          }
        });
    Program p = program;
    for (FactChange change : changes) {
      if (change instanceof FactChange.Insert) {
        check(p, ((FactChange.Insert) change).fact());
      }
    }
    if (!changes.isEmpty()) {
      store.apply(changes);
    }
  }

  @Override
  public List<Fact> get(FactPattern pattern) {
    requireNonNull(pattern, "pattern");
    return store.get(pattern);
  }

  private static void check(Program p, Fact fact) {
    p.signatures().check(fact, p.types());
  }

  private static List<Fact> checkContext(Program p, List<Fact> contextFacts) {
    if (contextFacts.isEmpty()) {
      return List.of();
    }
    List<Fact> copy = List.copyOf(contextFacts);
    for (Fact fact : copy) {
      check(p, fact);
    }
    return copy;
  }

  private long now() {
    return Math.floorDiv(clock.millis(), 1000L);
  }

  // ---- questions ----

  @Override
  public boolean authorize(Value actor, String action, Value resource, List<Fact> contextFacts) {
    requireNonNull(actor, "actor");
    requireNonNull(action, "action");
    requireNonNull(resource, "resource");
    Program p = program;
    List<Fact> context = checkContext(p, contextFacts);
    boolean debug = decisions.isDebugEnabled();
    long start = debug ? System.nanoTime() : 0L;
    boolean allowed = engine.authorize(p, actor, action, resource, context, now());
    if (debug) {
      decisions.debug(
          "authorize {} {} {} -> {} ({} us)",
          actor,
          action,
          resource,
          allowed,
          (System.nanoTime() - start) / 1000);
    }
    return allowed;
  }

  @Override
  public List<String> list(
      Value actor, String action, String resourceType, List<Fact> contextFacts) {
    ListAnswer answer = listAnswer(actor, action, resourceType, contextFacts);
    return answer.unbounded() ? List.of(WILDCARD) : answer.values();
  }

  private ListAnswer listAnswer(
      Value actor, String action, String resourceType, List<Fact> contextFacts) {
    requireNonNull(actor, "actor");
    requireNonNull(action, "action");
    requireNonNull(resourceType, "resourceType");
    Program p = program;
    List<Fact> context = checkContext(p, contextFacts);
    return engine.list(p, actor, action, resourceType, context, now());
  }

  @Override
  public ListPage listPaginated(
      Value actor,
      String action,
      String resourceType,
      int pageSize,
      @Nullable String pageToken,
      List<Fact> contextFacts) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1, got " + pageSize);
    }
    String after = pageToken == null ? null : decodeToken(pageToken);
    ListAnswer answer = listAnswer(actor, action, resourceType, contextFacts);
    if (answer.unbounded()) {
      return new ListPage(List.of(WILDCARD), null);
    }
    List<String> ids = answer.values();
    int from = 0;
    if (after != null) {
      int found = java.util.Collections.binarySearch(ids, after);
      from = found >= 0 ? found + 1 : -found - 1;
    }
    int to = Math.min(ids.size(), from + pageSize);
    List<String> page = ids.subList(from, to);
    String next = to < ids.size() ? encodeToken(page.get(page.size() - 1)) : null;
    return new ListPage(page, next);
  }

  private static String encodeToken(String lastId) {
    byte[] bytes = (TOKEN_PREFIX + lastId).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String decodeToken(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith(TOKEN_PREFIX)) {
        return text.substring(TOKEN_PREFIX.length());
      }
    } catch (IllegalArgumentException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("page token '" + token + "' was not issued by this list");
  }

  @Override
  public List<String> actions(Value actor, Value resource, List<Fact> contextFacts) {
    requireNonNull(actor, "actor");
    requireNonNull(resource, "resource");
    Program p = program;
    List<Fact> context = checkContext(p, contextFacts);
    ListAnswer answer = engine.actions(p, actor, resource, context, now());
    return answer.unbounded() ? List.of(WILDCARD) : answer.values();
  }

  @Override
  public List<Map<String, @Nullable String>> evaluateQuery(Query query) {
    requireNonNull(query, "query");
    Program p = program;
    checkContext(p, query.contextFacts());
    return engine.evaluateQuery(p, query, now());
  }

  // ---- local SQL ----

  private LocalSql localSql(String method) {
    if (localSql == null) {
      throw new UnsupportedOperationException(
          method
              + " needs a SQL backend: use a JdbcFactStore or local bindings; this embedded"
              + " instance keeps its facts in memory and has none");
    }
    return localSql;
  }

  @Override
  public String authorizeLocal(
      Value actor, String action, Value resource, List<Fact> contextFacts) {
    Program p = program;
    return localSql("authorizeLocal")
        .authorizeLocal(p, actor, action, resource, checkContext(p, contextFacts));
  }

  @Override
  public String listLocal(
      Value actor, String action, String resourceType, String column, List<Fact> contextFacts) {
    Program p = program;
    return localSql("listLocal")
        .listLocal(p, actor, action, resourceType, column, checkContext(p, contextFacts));
  }

  @Override
  public String actionsLocal(Value actor, Value resource, List<Fact> contextFacts) {
    Program p = program;
    return localSql("actionsLocal").actionsLocal(p, actor, resource, checkContext(p, contextFacts));
  }

  @Override
  public String evaluateQueryLocalSelect(Query query, Map<String, String> columnsToVars) {
    Program p = program;
    checkContext(p, query.contextFacts());
    return localSql("evaluateQueryLocalSelect").evaluateQueryLocalSelect(p, query, columnsToVars);
  }

  @Override
  public String evaluateQueryLocalFilter(Query query, String column, String var) {
    Program p = program;
    checkContext(p, query.contextFacts());
    return localSql("evaluateQueryLocalFilter").evaluateQueryLocalFilter(p, query, column, var);
  }

  @Override
  public AuthorizedFilter listFilter(Value actor, String action, String resourceType) {
    return localSql("listFilter").listFilter(program, actor, action, resourceType);
  }

  @Override
  public void close() {
    store.close();
  }
}
