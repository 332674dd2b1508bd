package dev.osoj.benchmarks;

import dev.osoj.Fact;
import dev.osoj.Oso;
import dev.osoj.Value;
import dev.osoj.internal.http.Wire;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load generator for {@code oso serve}: seeds a GitClub workload through {@link
 * Oso#remote}, then sends {@code POST /api/authorize} from a fixed number of keep-alive connections
 * until a request count or a time limit is reached, and prints requests per second and latency
 * percentiles.
 *
 * <p>Two client modes: {@code raw} writes pre-encoded HTTP/1.1 requests on plain sockets (so the
 * generator spends little CPU and the figure measures the server), {@code oso} goes through this
 * project's OkHttp client (the figure then includes client-side JSON and OkHttp).
 *
 * <p>Usage: {@code HttpLoadGenerator --url http://127.0.0.1:8080 [--key K] [--connections 16]
 * [--requests 400000] [--seconds 20] [--warmup-seconds 5] [--client raw|oso] [--seed true]}. Only
 * loopback addresses are accepted.
 */
public final class HttpLoadGenerator {
  static final int ORGS = 100;
  static final int REPOS_PER_ORG = 10;
  static final int USERS = 2_000;

  private final String url;
  private final String key;
  private final int connections;
  private final long maxRequests;
  private final long seconds;
  private final long warmupSeconds;
  private final String client;
  private final long serverPid;

  private HttpLoadGenerator(Args a) {
    this.url = a.get("--url", "http://127.0.0.1:8080");
    this.key = a.get("--key", "e_0123456789_12345_osotesttoken01xiIn");
    this.connections = Integer.parseInt(a.get("--connections", "16"));
    this.maxRequests = Long.parseLong(a.get("--requests", "400000"));
    this.seconds = Long.parseLong(a.get("--seconds", "20"));
    this.warmupSeconds = Long.parseLong(a.get("--warmup-seconds", "5"));
    this.client = a.get("--client", "raw");
    this.serverPid = Long.parseLong(a.get("--server-pid", "0"));
    if (connections < 1 || connections > 256 || maxRequests < 1 || maxRequests > 10_000_000) {
      throw new IllegalArgumentException("connections must be 1..256 and requests 1..10000000");
    }
    if (seconds < 1 || seconds > 300 || warmupSeconds < 0 || warmupSeconds > 60) {
      throw new IllegalArgumentException("seconds must be 1..300 and warmup 0..60");
    }
  }

  /**
   * Runs the generator.
   *
   * @param argv options, see the class comment
   * @throws Exception if seeding or the run fails
   */
  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    HttpLoadGenerator g = new HttpLoadGenerator(a);
    URI uri = URI.create(g.url);
    if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException("only loopback targets are allowed, not '" + uri + "'");
    }
    if (Boolean.parseBoolean(a.get("--seed", "true"))) {
      g.seed();
    }
    if (g.warmupSeconds > 0) {
      g.run(g.warmupSeconds, g.maxRequests, false);
    }
    g.run(g.seconds, g.maxRequests, true);
  }

  private void seed() throws IOException {
    String policy;
    try (InputStream in = HttpLoadGenerator.class.getResourceAsStream("/gitclub-http.polar")) {
      policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Oso oso = Oso.remote(url, key).build()) {
      oso.policy(policy);
      List<Fact> facts = new ArrayList<>();
      for (int o = 0; o < ORGS; o++) {
        Value org = new Value("Organization", "org" + o);
        for (int r = 0; r < REPOS_PER_ORG; r++) {
          facts.add(
              Fact.of("has_relation", repo(o * REPOS_PER_ORG + r), Value.of("organization"), org));
        }
      }
      for (int u = 0; u < USERS; u++) {
        String role = u % 20 == 0 ? "owner" : "member";
        facts.add(
            Fact.of(
                "has_role",
                user(u),
                Value.of(role),
                new Value("Organization", "org" + (u % ORGS))));
      }
      oso.batch(tx -> facts.forEach(tx::insert));
      System.out.printf(
          "seeded %d facts (%d orgs, %d repos, %d users)%n",
          facts.size(), ORGS, ORGS * REPOS_PER_ORG, USERS);
    }
  }

  static Value user(int i) {
    return new Value("User", "u" + i);
  }

  static Value repo(int i) {
    return new Value("Repository", "r" + i);
  }

  private void run(long limitSeconds, long limitRequests, boolean report)
      throws InterruptedException {
    long deadline = System.nanoTime() + limitSeconds * 1_000_000_000L;
    AtomicLong budget = new AtomicLong(limitRequests);
    AtomicLong allowed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long[][] latencies = new long[connections][];
    int[] counts = new int[connections];
    int perWorker = (int) Math.min(Integer.MAX_VALUE - 8, limitRequests / connections + 1);
    CountDownLatch done = new CountDownLatch(connections);
    long serverCpu0 = serverCpuNanos();
    long ownCpu0 = ownCpuNanos();
    long start = System.nanoTime();
    for (int w = 0; w < connections; w++) {
      int id = w;
      latencies[w] = new long[perWorker];
      Thread t =
          new Thread(
              () -> {
                try {
                  counts[id] = worker(id, deadline, budget, latencies[id], allowed, errors);
                } catch (IOException e) {
                  errors.incrementAndGet();
                  System.err.println("worker " + id + " failed: " + e);
                } finally {
                  done.countDown();
                }
              },
              "load-" + w);
      t.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long serverCpu = serverCpuNanos() - serverCpu0;
    long ownCpu = ownCpuNanos() - ownCpu0;
    if (report) {
      report(latencies, counts, elapsed, allowed.get(), errors.get());
      long total = Arrays.stream(counts).asLongStream().sum();
      if (total > 0) {
        double serverUs = serverPid > 0 ? serverCpu / 1e3 / total : Double.NaN;
        double ownUs = ownCpu / 1e3 / total;
        System.out.printf(
            "cpu per request: server %.1f us, load generator %.1f us; projected on 2 dedicated"
                + " cores: server alone %.0f req/s, server and generator together %.0f req/s%n",
            serverUs, ownUs, 2e6 / serverUs, 2e6 / (serverUs + ownUs));
      }
    } else {
      System.out.printf(
          "warm-up: %d requests in %.1f s%n", Arrays.stream(counts).asLongStream().sum(), elapsed);
    }
  }

  private int worker(
      int id, long deadline, AtomicLong budget, long[] lat, AtomicLong allowed, AtomicLong errors)
      throws IOException {
    Random random = new Random(id * 31L + 1);
    if (client.equals("oso")) {
      return osoWorker(random, deadline, budget, lat, allowed);
    }
    URI uri = URI.create(url);
    byte[][] requests = new byte[512][];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = encode(uri, randomQuestion(random));
    }
    int n = 0;
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      while (n < lat.length && System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
        long t0 = System.nanoTime();
        out.write(requests[random.nextInt(requests.length)]);
        out.flush();
        String body = readResponse(in, errors);
        lat[n++] = System.nanoTime() - t0;
        if (body.contains("true")) {
          allowed.incrementAndGet();
        }
      }
    }
    return n;
  }

  private int osoWorker(
      Random random, long deadline, AtomicLong budget, long[] lat, AtomicLong allowed) {
    int n = 0;
    try (Oso oso = Oso.remote(url, key).maxRetries(0).build()) {
      while (n < lat.length && System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
        Value[] q = randomQuestion(random);
        long t0 = System.nanoTime();
        boolean ok = oso.authorize(q[0], q[1].id(), q[2]);
        lat[n++] = System.nanoTime() - t0;
        if (ok) {
          allowed.incrementAndGet();
        }
      }
    }
    return n;
  }

  /** CPU time of the server process from {@code /proc/<pid>/stat}, or 0 without a pid. */
  private long serverCpuNanos() {
    if (serverPid <= 0) {
      return 0;
    }
    try {
      String stat =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + serverPid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 10_000_000L; // USER_HZ = 100 on Linux
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long ownCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : 0;
  }

  /** Half the questions are about a repository of the user's own organization. */
  static Value[] randomQuestion(Random random) {
    int u = random.nextInt(USERS);
    int r =
        random.nextBoolean()
            ? (u % ORGS) * REPOS_PER_ORG + random.nextInt(REPOS_PER_ORG)
            : random.nextInt(ORGS * REPOS_PER_ORG);
    return new Value[] {user(u), Value.of(random.nextInt(4) == 0 ? "push" : "read"), repo(r)};
  }

  private byte[] encode(URI uri, Value[] q) {
    byte[] body = Wire.bytes(Wire.authorizeQuery(q[0], q[1].id(), q[2], List.of()));
    String head =
        "POST /api/authorize HTTP/1.1\r\n"
            + "Host: "
            + uri.getHost()
            + ":"
            + uri.getPort()
            + "\r\n"
            + "Authorization: Bearer "
            + key
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Accept: application/json\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /** Reads one HTTP/1.1 response with a Content-Length body; returns the body text. */
  private static String readResponse(InputStream in, AtomicLong errors) throws IOException {
    StringBuilder line = new StringBuilder();
    int contentLength = -1;
    boolean first = true;
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed by the server");
      }
      if (c != '\n') {
        if (c != '\r') {
          line.append((char) c);
        }
        continue;
      }
      String l = line.toString();
      line.setLength(0);
      if (first) {
        if (!l.startsWith("HTTP/1.1 200")) {
          errors.incrementAndGet();
        }
        first = false;
      } else if (l.isEmpty()) {
        break;
      } else if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
        contentLength = Integer.parseInt(l.substring(15).trim());
      }
    }
    if (contentLength < 0) {
      throw new IOException("response without Content-Length");
    }
    return new String(in.readNBytes(contentLength), StandardCharsets.UTF_8);
  }

  private void report(long[][] latencies, int[] counts, double elapsed, long allowed, long errors) {
    long total = Arrays.stream(counts).asLongStream().sum();
    long[] all = new long[(int) total];
    int k = 0;
    for (int w = 0; w < latencies.length; w++) {
      System.arraycopy(latencies[w], 0, all, k, counts[w]);
      k += counts[w];
    }
    Arrays.sort(all);
    System.out.printf(
        "client=%s connections=%d requests=%d errors=%d allowed=%d elapsed=%.2fs%n",
        client, connections, total, errors, allowed, elapsed);
    System.out.printf("throughput: %.0f req/s%n", total / elapsed);
    System.out.printf(
        "latency ms: p50=%.3f p90=%.3f p99=%.3f p99.9=%.3f max=%.3f%n",
        pct(all, 0.50),
        pct(all, 0.90),
        pct(all, 0.99),
        pct(all, 0.999),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  /** A tiny {@code --name value} parser. */
  private static final class Args {
    private final String[] argv;

    Args(String[] argv) {
      if (argv.length % 2 != 0) {
        throw new IllegalArgumentException("options come in '--name value' pairs");
      }
      this.argv = argv;
    }

    String get(String name, String otherwise) {
      for (int i = 0; i < argv.length; i += 2) {
        if (argv[i].equals(name)) {
          return argv[i + 1];
        }
      }
      return otherwise;
    }
  }
}
