package dev.osoj.benchmarks;

import dev.osoj.Oso;
import dev.osoj.Value;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Measures what one remote {@code authorize} call costs the client: CPU time of the calling thread,
 * CPU time of the whole process (OkHttp's and Okio's helper threads, GC, JIT) and bytes allocated
 * by the calling thread, per call, from one thread against a seeded {@code oso serve}.
 *
 * <p>CPU time rather than wall clock, because the build machine is shared: contention stretches
 * wall time far more than the CPU a call consumes. Each round's figure is printed; the minimum and
 * median over the rounds follow, then the CPU time of every thread group of the process.
 *
 * <p>Usage: {@code HttpClientCpuProbe --url http://127.0.0.1:8080 [--key K] [--warmup 20000]
 * [--calls 4000] [--rounds 12]}; seed the server first ({@code HttpLoadGenerator --seconds 1}).
 * Only loopback addresses are accepted.
 */
public final class HttpClientCpuProbe {
  private HttpClientCpuProbe() {}

  /**
   * Runs the probe.
   *
   * @param argv options, see the class comment
   * @throws IOException if {@code /proc} cannot be read
   */
  public static void main(String[] argv) throws IOException {
    Map<String, String> a = new TreeMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      a.put(argv[i], argv[i + 1]);
    }
    String url = a.getOrDefault("--url", "http://127.0.0.1:8080");
    String key = a.getOrDefault("--key", "e_0123456789_12345_osotesttoken01xiIn");
    int warmup = Integer.parseInt(a.getOrDefault("--warmup", "20000"));
    int calls = Integer.parseInt(a.getOrDefault("--calls", "4000"));
    int rounds = Integer.parseInt(a.getOrDefault("--rounds", "12"));
    if (warmup < 0 || warmup > 1_000_000 || calls < 1 || calls > 1_000_000) {
      throw new IllegalArgumentException("warmup must be 0..1000000 and calls 1..1000000");
    }
    if (rounds < 1 || rounds > 100) {
      throw new IllegalArgumentException("rounds must be 1..100");
    }
    if (!InetAddress.getByName(URI.create(url).getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException("only loopback targets are allowed, not '" + url + "'");
    }
    Random random = new Random(7);
    try (Oso oso = Oso.remote(url, key).maxRetries(0).build()) {
      for (int i = 0; i < warmup; i++) {
        ask(oso, random);
      }
      double[] thread = new double[rounds];
      double[] process = new double[rounds];
      for (int k = 0; k < rounds; k++) {
        double[] r = round(oso, random, calls);
        thread[k] = r[0];
        process[k] = r[1];
        System.out.printf(
            "round %d: thread cpu %.1f us/call, process cpu %.1f us/call, allocated %.0f bytes/call,"
                + " wall %.1f us/call%n",
            k, r[0], r[1], r[2], r[3]);
      }
      Arrays.sort(thread);
      Arrays.sort(process);
      System.out.printf(
          "thread cpu us/call: min %.1f median %.1f; process cpu us/call: min %.1f median %.1f%n",
          thread[0], thread[rounds / 2], process[0], process[rounds / 2]);
    }
    threadBreakdown()
        .forEach((k, v) -> System.out.println("thread group '" + k + "': " + v + " ms"));
  }

  private static double[] round(Oso oso, Random random, int calls) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long bytes0 = threads.getCurrentThreadAllocatedBytes();
    long thread0 = threads.getCurrentThreadCpuTime();
    long process0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      ask(oso, random);
    }
    double n = calls;
    return new double[] {
      (threads.getCurrentThreadCpuTime() - thread0) / 1e3 / n,
      (os.getProcessCpuTime() - process0) / 1e3 / n,
      (threads.getCurrentThreadAllocatedBytes() - bytes0) / n,
      (System.nanoTime() - wall0) / 1e3 / n
    };
  }

  private static boolean ask(Oso oso, Random random) {
    Value[] q = HttpLoadGenerator.randomQuestion(random);
    return oso.authorize(q[0], q[1].id(), q[2]);
  }

  /** CPU milliseconds of this process's threads from {@code /proc/self/task}, digits folded. */
  private static Map<String, Long> threadBreakdown() throws IOException {
    Map<String, Long> byName = new TreeMap<>();
    File[] tasks = new File("/proc/self/task").listFiles();
    for (File t : tasks == null ? new File[0] : tasks) {
      String stat = Files.readString(Path.of(t.getPath(), "stat"));
      String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // USER_HZ = 100
      if (ms > 0) {
        byName.merge(name.replaceAll("[0-9]+", "#"), ms, Long::sum);
      }
    }
    return byName;
  }
}
