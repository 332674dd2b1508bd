package dev.osoj.cli;

import dev.osoj.internal.program.Program;
import dev.osoj.internal.testing.PolarTestRunner;
import dev.osoj.internal.testing.TestReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oso test FILE...}: runs every {@code test} block of a policy. */
@Command(
    name = "test",
    description = {
      "Load the files as one policy and run every test block, each over its own setup facts.",
      "Prints one line per test (PASS or FAIL, name, passed/total assertions), each failed"
          + " assertion under its test (with the missing and unexpected values of an iff), and"
          + " last '<P> passed, <F> failed' counting assertions.",
      "Exits 0 when every assertion passes, 1 when one fails, 2 when the policy does not load."
    })
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Mixin NegationOption negation;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Polar policy files.")
  List<Path> files = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Program program = PolicyInput.load(files, negation.mode(), err);
    if (program.tests().isEmpty()) {
      err.println("oso: the policy has no test blocks");
      err.flush();
    }
    TestReport report = PolarTestRunner.run(program);
    int passed = 0;
    int failed = 0;
    int next = 0;
    for (TestReport.TestOutcome test : report.tests()) {
      passed += test.passed();
      failed += test.total() - test.passed();
      boolean ok = test.passed() == test.total();
      out.println(
          String.format(
              Locale.ROOT,
              "%s %s: %d/%d",
              ok ? "PASS" : "FAIL",
              test.name(),
              test.passed(),
              test.total()));
      next = printFailures(out, report.failures(), next, test.name());
    }
    out.println(String.format(Locale.ROOT, "%d passed, %d failed", passed, failed));
    out.flush();
    return failed == 0 && report.success() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * Prints the failures of one test, which the runner reports contiguously and in test order.
   *
   * @return the index of the first failure of the next test
   */
  private static int printFailures(
      PrintWriter out, List<TestReport.Failure> failures, int from, String test) {
    int i = from;
    while (i < failures.size() && failures.get(i).test().equals(test)) {
      TestReport.Failure failure = failures.get(i);
      if (failure.kind().equals("AssertionFailed")) {
        out.println("  " + failure.span() + ": " + failure.assertion() + " failed");
      } else {
        out.println("  " + failure.message());
      }
      if (!failure.missing().isEmpty() || !failure.unexpected().isEmpty()) {
        out.println("    missing: " + failure.missing());
        out.println("    unexpected: " + failure.unexpected());
      }
      i++;
    }
    return i;
  }
}
