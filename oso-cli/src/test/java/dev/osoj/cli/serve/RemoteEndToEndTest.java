package dev.osoj.cli.serve;

import static dev.osoj.sql.SqlDialect.H2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.EvaluateArgs;
import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.ListPage;
import dev.osoj.Oso;
import dev.osoj.OsoClientException;
import dev.osoj.PolicyMetadata;
import dev.osoj.TypedVar;
import dev.osoj.Value;
import dev.osoj.ValuePattern;
import dev.osoj.internal.http.HttpOso;
import dev.osoj.internal.http.Wire;
import dev.osoj.sql.AuthorizedFilter;
import dev.osoj.sql.SqlFragment;
import dev.osoj.sql.SqlType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** This project's remote client against {@code oso serve} on loopback, for every Oso method. */
class RemoteEndToEndTest {
  static final String KEY = ServeCommand.DEFAULT_API_KEY;
  static final Value ADA = new Value("User", "ada");
  static final Value BOB = new Value("User", "bob");
  static final Value ACME = new Value("Organization", "acme");
  static final Value ANVIL = new Value("Repository", "anvil");
  static final Value GEAR = new Value("Repository", "gear");

  static final String BINDINGS =
      "facts:\n"
          + "  \"is_public(Repository:_)\":\n"
          + "    query: SELECT id FROM repositories WHERE is_public\n";

  OsoServer server;
  HttpOso oso;

  /** Extra {@code oso serve} options; subclasses choose another store. */
  String[] storeArgs() {
    return new String[0];
  }

  static Path resource(String name) {
    try {
      return Path.of(RemoteEndToEndTest.class.getResource("/serve/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static OsoServer startServer(String... extra) throws IOException {
    ServeCommand command = new ServeCommand();
    List<String> args = new ArrayList<>(List.of("--port", "0", "--threads", "8"));
    args.addAll(List.of(extra));
    args.addAll(List.of("--policy", resource("gitclub.polar").toString()));
    new CommandLine(command).parseArgs(args.toArray(new String[0]));
    return command.start();
  }

  static HttpOso client(OsoServer server) {
    return (HttpOso) Oso.remote("http://127.0.0.1:" + server.port(), KEY).build();
  }

  @BeforeEach
  void start() throws IOException {
    server = startServer(storeArgs());
    oso = client(server);
  }

  @AfterEach
  void stop() {
    oso.close();
    server.close();
  }

  void gitclubFacts() {
    oso.batch(
        tx -> {
          tx.insert(Fact.of("has_role", ADA, Value.of("owner"), ACME));
          tx.insert(Fact.of("has_role", BOB, Value.of("member"), ACME));
          tx.insert(Fact.of("has_relation", ANVIL, Value.of("organization"), ACME));
          tx.insert(Fact.of("has_relation", GEAR, Value.of("organization"), ACME));
        });
  }

  @Test
  void authorize_roleViaOrganization_allowsAndDenies() {
    gitclubFacts();

    assertThat(oso.authorize(ADA, "push", ANVIL)).isTrue();
    assertThat(oso.authorize(BOB, "read", ANVIL)).isTrue();
    assertThat(oso.authorize(BOB, "push", ANVIL)).isFalse();
    assertThat(oso.consistencyOffset()).isNotNull();
  }

  @Test
  void authorize_contextFacts_countForThatQuestionOnly() {
    Value carl = new Value("User", "carl");
    Fact isPublic = Fact.of("is_public", ANVIL);

    assertThat(oso.authorize(carl, "read", ANVIL, List.of(isPublic))).isTrue();
    assertThat(oso.authorize(carl, "read", ANVIL)).isFalse();
  }

  @Test
  void list_andListPaginated_returnAuthorizedIds() {
    gitclubFacts();
    oso.insert(
        Fact.of("has_relation", new Value("Repository", "hub"), Value.of("organization"), ACME));

    assertThat(oso.list(BOB, "read", "Repository"))
        .containsExactlyInAnyOrder("anvil", "gear", "hub");
    assertThat(oso.list(BOB, "push", "Repository")).isEmpty();
    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ListPage page = oso.listPaginated(BOB, "read", "Repository", 2, token, List.of());
      assertThat(page.results()).hasSizeLessThanOrEqualTo(2);
      paged.addAll(page.results());
      token = page.nextPageToken();
      pages++;
    } while (token != null);
    assertThat(paged).containsExactlyInAnyOrder("anvil", "gear", "hub");
    assertThat(pages).isGreaterThanOrEqualTo(2);
  }

  @Test
  void actions_maintainerAndReader_areSorted() {
    gitclubFacts();

    assertThat(oso.actions(ADA, ANVIL)).containsExactly("delete", "push", "read");
    assertThat(oso.actions(BOB, ANVIL)).containsExactly("read");
  }

  @Test
  void get_withWildcards_returnsStoredFactsOnly() {
    gitclubFacts();

    assertThat(
            oso.get(
                FactPattern.of("has_role", ValuePattern.ANY, ValuePattern.ANY, ValuePattern.ANY)))
        .hasSize(2);
    assertThat(
            oso.get(
                FactPattern.of(
                    "has_relation", ValuePattern.ANY, ValuePattern.ANY, ValuePattern.exact(ACME))))
        .containsExactlyInAnyOrder(
            Fact.of("has_relation", ANVIL, Value.of("organization"), ACME),
            Fact.of("has_relation", GEAR, Value.of("organization"), ACME));
    assertThat(
            oso.get(
                FactPattern.of(
                    "has_role", ValuePattern.exact(ADA), ValuePattern.ANY, ValuePattern.ANY)))
        .containsExactly(Fact.of("has_role", ADA, Value.of("owner"), ACME));
  }

  @Test
  void delete_wildcardPattern_removesEveryMatch() {
    gitclubFacts();

    oso.delete(
        FactPattern.of(
            "has_relation", ValuePattern.ofType("Repository"), ValuePattern.ANY, ValuePattern.ANY));
    oso.delete(Fact.of("has_role", BOB, Value.of("member"), ACME));

    assertThat(
            oso.get(
                FactPattern.of(
                    "has_relation", ValuePattern.ANY, ValuePattern.ANY, ValuePattern.ANY)))
        .isEmpty();
    assertThat(
            oso.get(
                FactPattern.of("has_role", ValuePattern.ANY, ValuePattern.ANY, ValuePattern.ANY)))
        .containsExactly(Fact.of("has_role", ADA, Value.of("owner"), ACME));
    assertThat(oso.authorize(ADA, "push", ANVIL)).isFalse();
  }

  @Test
  void batch_insertThenDeleteInOrder_andInvalidFactChangesNothing() {
    oso.batch(
        tx -> {
          tx.insert(Fact.of("is_public", ANVIL));
          tx.delete(Fact.of("is_public", ANVIL));
          tx.insert(Fact.of("is_public", GEAR));
        });
    assertThat(oso.get(FactPattern.of("is_public", ValuePattern.ANY)))
        .containsExactly(Fact.of("is_public", GEAR));

    assertThatThrownBy(
            () ->
                oso.batch(
                    tx -> {
                      tx.insert(Fact.of("is_public", ANVIL));
                      tx.insert(Fact.of("no_such_predicate", ANVIL, ANVIL, ANVIL));
                    }))
        .isInstanceOfSatisfying(
            OsoClientException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThat(oso.get(FactPattern.of("is_public", ValuePattern.ANY)))
        .containsExactly(Fact.of("is_public", GEAR));
  }

  @Test
  void queryBuilder_evaluateShapes_matchTheOfficialClients() {
    gitclubFacts();
    TypedVar repo = new TypedVar("Repository");
    TypedVar action = new TypedVar("String");

    assertThat(oso.buildQuery("allow", ADA, "push", ANVIL).evaluate()).isTrue();
    assertThat(oso.buildQuery("allow", BOB, "push", ANVIL).evaluate()).isFalse();
    assertThat(oso.buildQuery("allow", BOB, "read", repo).evaluate(EvaluateArgs.values(repo)))
        .containsExactlyInAnyOrder("anvil", "gear");
    Map<String, List<String>> byRepo =
        oso.buildQuery("allow", ADA, action, repo)
            .in(repo, List.of("anvil"))
            .evaluate(EvaluateArgs.map(repo, EvaluateArgs.values(action)));
    assertThat(byRepo).containsOnlyKeys("anvil");
    assertThat(byRepo.get("anvil")).containsExactlyInAnyOrder("read", "push", "delete");
    assertThat(
            oso.buildQuery("has_relation", repo, "organization", ACME)
                .evaluate(EvaluateArgs.tuples(repo)))
        .containsExactlyInAnyOrder(List.of("anvil"), List.of("gear"));
  }

  @Test
  void policy_metadataAndReload_andSameSourceIsUnchanged() throws IOException {
    PolicyMetadata metadata = oso.policyMetadata();
    assertThat(metadata.resources().get("Repository").roles())
        .containsExactly("reader", "maintainer");
    assertThat(metadata.resources().get("Repository").relations())
        .containsExactly(Map.entry("organization", "Organization"));

    String src = Files.readString(resource("gitclub.polar"), StandardCharsets.UTF_8);
    oso.policy(src);
    oso.policy(src);
    assertThat(oso.policyMetadata().resources()).containsKeys("Organization", "Repository");
  }

  @Test
  void policy_invalidOrFailingTests_isRefusedAndOldPolicyStays() throws IOException {
    gitclubFacts();

    assertThatThrownBy(() -> oso.policy("resource Broken {"))
        .isInstanceOfSatisfying(
            OsoClientException.class, e -> assertThat(e.status()).isEqualTo(400));
    String failing = Files.readString(resource("failing-test.polar"), StandardCharsets.UTF_8);
    JsonNode error =
        rawPost("/api/policy", "{\"filename\":\"f.polar\",\"src\":" + quote(failing) + "}", 400);
    assertThat(error.get("error_type").stringValue()).isEqualTo("TestsFailed");
    assertThat(error.get("errors").get(0).get("error_type").stringValue())
        .isEqualTo("AssertionFailed");
    assertThat(oso.authorize(ADA, "push", ANVIL)).isTrue();
  }

  @Test
  void invalidFactOrUnknownPredicate_is400AndStoresNothing() {
    assertThatThrownBy(() -> oso.insert(Fact.of("has_role", ADA, ACME)))
        .isInstanceOfSatisfying(
            OsoClientException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThat(oso.get(FactPattern.of("has_role", ValuePattern.ANY, ValuePattern.ANY))).isEmpty();
  }

  @Test
  void clearData_andStats_resetAndCount() {
    gitclubFacts();
    oso.insert(Fact.of("is_public", ANVIL));

    assertThat(oso.stats())
        .containsEntry("num_roles", 2L)
        .containsEntry("num_relations", 2L)
        .containsEntry("num_facts", 5L);
    oso.clearData();
    assertThat(oso.stats()).containsEntry("num_facts", 0L);
    assertThat(oso.authorize(ADA, "push", ANVIL)).isFalse();
    assertThat(oso.policyMetadata().resources()).containsKey("Repository");
  }

  /** Local authorization: central facts inlined, the bound predicate read from the app's table. */
  String listLocalSql() {
    gitclubFacts();
    try (HttpOso local =
        (HttpOso)
            Oso.remote("http://127.0.0.1:" + server.port(), KEY)
                .dataBindingsText(BINDINGS)
                .build()) {
      String sql = local.listLocal(BOB, "read", "Repository", "repositories.id", List.of());
      assertThat(sql)
          .contains("repositories.id")
          // the binding's query is inlined: its table under a private alias, its condition kept
          .containsPattern("SELECT (\\w+)\\.id FROM repositories \\1 WHERE \\(\\1\\.is_public\\)");
      assertThat(local.authorizeLocal(ADA, "push", ANVIL, List.of()))
          .containsIgnoringCase("select");
      assertThat(local.actionsLocal(ADA, ANVIL, List.of())).containsIgnoringCase("actions");
      assertThatThrownBy(
              () -> oso.listLocal(BOB, "read", "Repository", "repositories.id", List.of()))
          .isInstanceOf(IllegalStateException.class);
      return sql;
    }
  }

  @Test
  void localMethods_withBindings_returnSqlOverTheBoundTable() {
    listLocalSql();
  }

  @Test
  void localMethods_badBindings_are400() {
    try (Oso local =
        Oso.remote("http://127.0.0.1:" + server.port(), KEY).dataBindingsText("facts: [").build()) {
      assertThatThrownBy(() -> local.authorizeLocal(ADA, "read", ANVIL, List.of()))
          .isInstanceOfSatisfying(
              OsoClientException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void listFilter_remote_isTheListAnswerAsIds_andSelectsThoseRows() throws SQLException {
    gitclubFacts();
    Value hub = new Value("Repository", "it's \\ 50%");
    oso.insert(Fact.of("has_relation", hub, Value.of("organization"), ACME));
    DataSource h2 = h2("CREATE TABLE repositories (id VARCHAR(100) PRIMARY KEY)");
    insert(h2, "INSERT INTO repositories VALUES (?)", "anvil", "gear", hub.id(), "other");

    AuthorizedFilter read = oso.listFilter(BOB, "read", "Repository");
    AuthorizedFilter push = oso.listFilter(BOB, "push", "Repository");

    assertThat(read.kind()).isEqualTo(AuthorizedFilter.Kind.CONDITIONAL);
    assertThat(read.ids().orElseThrow()).containsExactlyInAnyOrder("anvil", "gear", hub.id());
    assertThat(select(h2, "SELECT r.id FROM repositories r WHERE ", read.toSql("r.id", H2)))
        .containsExactlyInAnyOrder("anvil", "gear", hub.id());
    assertThat(push.kind()).isEqualTo(AuthorizedFilter.Kind.NEVER);
  }

  @Test
  void listFilter_remoteWildcardAnswer_isAlways() {
    oso.policy(
        "actor User {}\nresource Repository { permissions = [\"read\"]; }\n"
            + "has_permission(_: User, \"read\", _: Repository);\n");

    assertThat(oso.listFilter(BOB, "read", "Repository").kind())
        .isEqualTo(AuthorizedFilter.Kind.ALWAYS);
  }

  @Test
  void listFilter_remote_takesIdTypesFromTheDataBindings() throws SQLException {
    oso.batch(
        tx -> {
          tx.insert(Fact.of("has_role", BOB, Value.of("member"), ACME));
          for (String id : List.of("7", "40")) {
            tx.insert(
                Fact.of(
                    "has_relation", new Value("Repository", id), Value.of("organization"), ACME));
          }
        });
    DataSource h2 = h2("CREATE TABLE repositories (id BIGINT PRIMARY KEY)");
    insert(h2, "INSERT INTO repositories VALUES (CAST(? AS BIGINT))", "4", "7", "40", "400");
    try (Oso typed =
        Oso.remote("http://127.0.0.1:" + server.port(), KEY)
            .dataBindingsText("facts: {}\nsql_types:\n  Repository: bigint\n")
            .build()) {
      AuthorizedFilter read = typed.listFilter(BOB, "read", "Repository");
      SqlFragment where = read.toSql("r.id", H2);

      assertThat(read.sqlType("Repository")).isEqualTo(SqlType.BIGINT);
      assertThat(where.parameters()).containsExactlyInAnyOrder(7L, 40L);
      assertThat(select(h2, "SELECT r.id FROM repositories r WHERE ", where))
          .containsExactlyInAnyOrder("7", "40");
    }
  }

  private static DataSource h2(String ddl) throws SQLException {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:remote" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(ddl);
    }
    return ds;
  }

  private static void insert(DataSource ds, String sql, String... ids) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (String id : ids) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
    }
  }

  private static List<String> select(DataSource ds, String query, SqlFragment where)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(query + where.sql())) {
      for (int i = 0; i < where.parameters().size(); i++) {
        ps.setObject(i + 1, where.parameters().get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  @Test
  void getPolicy_returnsTheLoadedSource() throws IOException {
    JsonNode body = rawGet("/api/policy");

    assertThat(body.get("policy").get("src").stringValue()).contains("resource Repository");
  }

  @Test
  void manyClientsInParallel_loseNoWrite() throws Exception {
    int clients = 6;
    int perClient = 150;
    List<HttpOso> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int c = 0; c < clients; c++) {
      HttpOso client = client(server);
      all.add(client);
      int id = c;
      threads.add(
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < perClient; i++) {
                    Value repo = new Value("Repository", "r" + id + "-" + i);
                    if (i % 2 == 0) {
                      client.insert(Fact.of("is_public", repo));
                    } else {
                      client.batch(tx -> tx.insert(Fact.of("is_public", repo)));
                    }
                    assertThat(client.authorize(BOB, "read", repo)).isTrue();
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(60_000);
    }
    all.forEach(HttpOso::close);

    assertThat(failures).isEmpty();
    List<Fact> stored = oso.get(FactPattern.of("is_public", ValuePattern.ANY));
    Set<Fact> distinct = new HashSet<>(stored);
    assertThat(distinct).hasSize(clients * perClient);
    assertThat(oso.list(BOB, "read", "Repository")).hasSize(clients * perClient);
  }

  // ---- raw HTTP, for shapes the Oso interface does not surface ----

  private final OkHttpClient http = new OkHttpClient();

  private JsonNode rawGet(String path) throws IOException {
    Request r =
        new Request.Builder()
            .url("http://127.0.0.1:" + server.port() + path)
            .header("Authorization", "Bearer " + KEY)
            .build();
    try (Response response = http.newCall(r).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return Wire.parse(response.body().bytes());
    }
  }

  private JsonNode rawPost(String path, String json, int status) throws IOException {
    Request r =
        new Request.Builder()
            .url("http://127.0.0.1:" + server.port() + path)
            .header("Authorization", "Bearer " + KEY)
            .post(RequestBody.create(json, MediaType.get("application/json")))
            .build();
    try (Response response = http.newCall(r).execute()) {
      assertThat(response.code()).isEqualTo(status);
      return Wire.parse(response.body().bytes());
    }
  }

  private static String quote(String s) {
    return Wire.MAPPER.writeValueAsString(s);
  }
}
