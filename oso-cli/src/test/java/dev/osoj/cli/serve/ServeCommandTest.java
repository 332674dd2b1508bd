package dev.osoj.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.cli.OsoCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code oso serve} options: what is refused before the server starts, and why. */
class ServeCommandTest {
  private record Run(int exitCode, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = OsoCommand.newCommandLine();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    return new Run(commandLine.execute(args), err.toString());
  }

  @Test
  void serve_unknownStore_isRefused() {
    Run r = run("serve", "--port", "0", "--store", "redis://x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is not 'memory', a jdbc:h2: or a jdbc:postgresql: URL");
  }

  @Test
  void serve_unreachableDatabase_isRefusedWithoutItsPassword() {
    Run r =
        run(
            "serve",
            "--port",
            "0",
            "--store",
            "jdbc:postgresql://127.0.0.1:1/none?password=s3cret");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("store 'jdbc:postgresql://127.0.0.1:1/none…' cannot be used");
    assertThat(r.err()).doesNotContain("s3cret");
  }

  @Test
  void serve_policyWithFailingTest_isRefused() {
    Run r =
        run(
            "serve",
            "--port",
            "0",
            "--policy",
            RemoteEndToEndTest.resource("failing-test.polar").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("does not load").contains("members cannot read");
  }

  @Test
  void serve_missingPolicyFile_isRefused() {
    Run r = run("serve", "--port", "0", "--policy", "no/such/file.polar");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read policy 'no/such/file.polar'");
  }

  @Test
  void serve_portOutOfRangeOrBusy_isRefused() throws Exception {
    assertThat(run("serve", "--port", "70000").err()).contains("port '70000' is not in 0..65535");
    try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Run r = run("serve", "--port", Integer.toString(busy.getLocalPort()));
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + busy.getLocalPort());
    }
  }

  @Test
  void serve_blankApiKey_isRefused() {
    Run r = run("serve", "--port", "0", "--api-key", " ");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("api key must not be empty");
  }
}
