package dev.osoj.cli.serve;

import ch.qos.logback.classic.Level;
import dev.osoj.PolicyException;
import dev.osoj.cli.NegationOption;
import dev.osoj.internal.http.RemoteSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code oso serve}: serves the Oso Cloud HTTP API under {@code /api} over the embedded engine, so
 * any Oso client (this project's {@code Oso.remote}, or Oso's own Node, Python, Go or Java clients)
 * can use it as it would Oso's Dev Server.
 *
 * <p>Every endpoint except {@code GET /api/healthcheck} needs {@code Authorization: Bearer <key>}.
 * The server stops gracefully on SIGINT/SIGTERM. It serves HTTP/1.1 itself ({@link OsoServer} says
 * why not the JDK's server) with one worker per open connection, at most {@code --threads}.
 *
 * <p>Facts live in memory ({@code --store memory}, the default) or in a table of an H2 or
 * PostgreSQL database ({@code --store jdbc:h2:file:./oso-data}, {@code --store
 * jdbc:postgresql://host/db?user=u&password=p}), reached through a small connection pool. The
 * local-authorization endpoints render PostgreSQL for a memory store and the store's dialect for a
 * JDBC store.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the Oso Cloud HTTP API over the embedded engine.")
public final class ServeCommand implements Callable<Integer> {
  /** The Dev Server's fixed test key, the default here too. */
  public static final String DEFAULT_API_KEY = "e_0123456789_12345_osotesttoken01xiIn";

  /** Workers when {@code --threads} is not given: one per open connection. */
  static final int DEFAULT_THREADS = 64;

  private static final Logger logger = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--policy",
      arity = "1..*",
      paramLabel = "FILE",
      description = "Polar files loaded at startup.")
  List<Path> policies = new ArrayList<>();

  @Option(
      names = "--api-key",
      defaultValue = DEFAULT_API_KEY,
      description = "Key clients must send as bearer token (default: the Dev Server test key).")
  String apiKey;

  @Option(
      names = "--store",
      defaultValue = "memory",
      description =
          "Where facts live: 'memory' (default), a jdbc:h2: or a jdbc:postgresql: URL"
              + " (credentials in the URL).")
  String store;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description =
          "Worker threads, the most connections served at once (default: " + DEFAULT_THREADS + ").")
  int threads;

  @Mixin NegationOption negation = new NegationOption();

  /** Creates the command; picocli sets the options. */
  public ServeCommand() {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    quietButInformative();
    OsoServer server = start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  logger.info("shutting down");
                  server.close();
                  stopped.countDown();
                },
                "oso-serve-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * Builds the backend, binds and starts the server in this process, without waiting for it to
   * stop: how tests and applications embed {@code oso serve}. The caller closes the server.
   *
   * @return the running server
   * @throws IOException if a policy file cannot be read or the address cannot be bound
   */
  public OsoServer start() throws IOException {
    validate();
    Map<String, String> files = readPolicies();
    int workers = threads > 0 ? threads : DEFAULT_THREADS;
    EngineBackend backend = newBackend(files, workers);
    Api.PolicyText initial =
        files.isEmpty()
            ? null
            : new Api.PolicyText(
                files.size() == 1 ? files.keySet().iterator().next() : null,
                String.join("\n", files.values()));
    OsoServer server;
    try {
      server = new OsoServer(backend, initial, apiKey, new InetSocketAddress(host, port), workers);
    } catch (IOException e) {
      backend.close();
      throw new ParameterException(
          spec.commandLine(), "cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
    server.start();
    logger.info(
        "oso serve listening on http://{}:{}/api (store '{}', {} policy file(s), {} threads,"
            + " api key '{}')",
        host,
        server.port(),
        StoredFacts.redact(store),
        files.size(),
        workers,
        RemoteSettings.mask(apiKey));
    return server;
  }

  private void validate() {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "port '" + port + "' is not in 0..65535");
    }
    if (threads < 0 || threads > 4096) {
      throw new ParameterException(
          spec.commandLine(), "threads '" + threads + "' is not in 1..4096 (0 for the default)");
    }
    if (apiKey.isBlank()) {
      throw new ParameterException(spec.commandLine(), "api key must not be empty");
    }
    apiKey = apiKey.trim();
  }

  private Map<String, String> readPolicies() {
    Map<String, String> files = new LinkedHashMap<>();
    for (Path file : policies) {
      try {
        files.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new ParameterException(
            spec.commandLine(), "cannot read policy '" + file + "': " + e.getMessage());
      }
    }
    return files;
  }

  private EngineBackend newBackend(Map<String, String> files, int workers) {
    StoredFacts facts;
    try {
      facts = StoredFacts.open(store, Math.min(workers, 32));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (RuntimeException e) {
      throw new ParameterException(
          spec.commandLine(),
          "store '" + StoredFacts.redact(store) + "' cannot be used: " + e.getMessage());
    }
    try {
      return new EngineBackend(facts, files, negation.isExtended());
    } catch (PolicyException e) {
      facts.close();
      throw new ParameterException(
          spec.commandLine(), "policy " + policies + " does not load:\n" + e.getMessage());
    } catch (RuntimeException e) {
      facts.close();
      throw new ParameterException(
          spec.commandLine(),
          "store '" + StoredFacts.redact(store) + "' cannot be used: " + e.getMessage());
    }
  }

  /** The command is quiet by default (WARN); the server's own lines are INFO. */
  private static void quietButInformative() {
    org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (!root.isDebugEnabled()) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.osoj.cli.serve"))
          .setLevel(Level.INFO);
    }
  }
}
