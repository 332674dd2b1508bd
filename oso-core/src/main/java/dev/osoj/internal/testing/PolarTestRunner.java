package dev.osoj.internal.testing;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.InvalidFactException;
import dev.osoj.Value;
import dev.osoj.internal.eval.CompiledProgram;
import dev.osoj.internal.eval.Evaluation;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.PolarTest;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.Term;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.spi.FactChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs a program's {@code test} blocks (polar.md §7.2): each test on a private, empty fact store
 * holding only its setup and fixture facts (stored facts are never visible), the policy's rules and
 * policy facts, and the real time for {@code @current_unix_time} unless a clock is given.
 *
 * <ul>
 *   <li>{@code assert C} passes iff {@code C} has an answer; {@code assert_not C} iff it has none;
 *   <li>{@code assert C iff COND} passes iff the answers of {@code C} and of {@code COND} over the
 *       assertion's named variables are the same set; a failure lists the missing values (allowed
 *       by {@code COND}, not derived) and the unexpected ones (derived, not allowed). An unbounded
 *       answer ({@code *}) only equals an unbounded answer;
 *   <li>{@code assert_not C iff COND} passes iff the {@code assert} form would fail.
 * </ul>
 *
 * <p>Variables whose names start with {@code _} are anonymous and not reported.
 */
public final class PolarTestRunner {
  private final Program program;
  private final Clock clock;

  /**
   * Creates a runner.
   *
   * @param program the program whose tests to run
   * @param clock the clock for {@code @current_unix_time}
   */
  public PolarTestRunner(Program program, Clock clock) {
    this.program = requireNonNull(program, "program");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Runs every test of a program with the system clock.
   *
   * @param program the program
   * @return the report
   */
  public static TestReport run(Program program) {
    return new PolarTestRunner(program, Clock.systemUTC()).run();
  }

  /**
   * Runs every test.
   *
   * @return the report
   */
  public TestReport run() {
    FactDatabase db = new FactDatabase();
    CompiledProgram compiled = CompiledProgram.compile(program, db);
    List<TestReport.TestOutcome> outcomes = new ArrayList<>();
    List<TestReport.Failure> failures = new ArrayList<>();
    for (PolarTest test : program.tests()) {
      db.clearFacts();
      outcomes.add(runOne(test, db, compiled, failures));
    }
    return new TestReport(failures.isEmpty(), outcomes, failures);
  }

  private TestReport.TestOutcome runOne(
      PolarTest test, FactDatabase db, CompiledProgram compiled, List<TestReport.Failure> out) {
    int total = test.assertions().size();
    try {
      List<FactChange> setup = new ArrayList<>();
      for (Fact fact : test.facts()) {
        program.signatures().check(fact, program.types());
        setup.add(new FactChange.Insert(fact));
      }
      db.apply(setup);
    } catch (InvalidFactException e) {
      String message = test.span() + ": test \"" + test.name() + "\": setup " + e.getMessage();
      out.add(
          new TestReport.Failure(
              "ValidationFailed",
              test.name(),
              test.span(),
              "setup",
              List.of(),
              List.of(),
              message));
      return new TestReport.TestOutcome(test.name(), 0, total);
    }
    int passed = 0;
    long now = clock.instant().getEpochSecond();
    for (PolarTest.Assertion assertion : test.assertions()) {
      try (Evaluation e = compiled.open(List.of(), now)) {
        TestReport.Failure failure = check(test, assertion, e);
        if (failure == null) {
          passed++;
        } else {
          out.add(failure);
        }
      }
    }
    return new TestReport.TestOutcome(test.name(), passed, total);
  }

  private TestReport.@Nullable Failure check(
      PolarTest test, PolarTest.Assertion assertion, Evaluation e) {
    List<String> vars = new ArrayList<>();
    List<Literal> typing = new ArrayList<>();
    List<Term> args = new ArrayList<>();
    for (Param param : assertion.args()) {
      args.add(param.term());
      if (param.term() instanceof Term.Var) {
        String name = ((Term.Var) param.term()).name();
        if (!name.startsWith("_") && !vars.contains(name)) {
          vars.add(name);
        }
        if (param.type() != null) {
          typing.add(
              new Literal.Matches((Term.Var) param.term(), param.type(), false, assertion.span()));
        }
      }
    }
    List<Literal> body = new ArrayList<>();
    body.add(new Literal.Call(assertion.predicate(), args, assertion.span()));
    body.addAll(typing);
    Set<String> derived = render(e.answers(vars, body));
    if (assertion.iff() == null) {
      boolean ok = assertion.negated() ? derived.isEmpty() : !derived.isEmpty();
      return ok ? null : failure(test, assertion, List.of(), List.of());
    }
    Set<String> allowed = new LinkedHashSet<>();
    for (List<Literal> conjunction : assertion.iff()) {
      List<Literal> condition = new ArrayList<>(conjunction);
      condition.addAll(typing);
      allowed.addAll(render(e.answers(vars, condition)));
    }
    List<String> missing = difference(allowed, derived);
    List<String> unexpected = difference(derived, allowed);
    boolean equal = missing.isEmpty() && unexpected.isEmpty();
    if (equal != assertion.negated()) {
      return null;
    }
    return failure(test, assertion, missing, unexpected);
  }

  private static List<String> difference(Set<String> a, Set<String> b) {
    return a.stream().filter(x -> !b.contains(x)).sorted().collect(Collectors.toList());
  }

  private static Set<String> render(List<List<@Nullable Value>> answers) {
    Set<String> out = new LinkedHashSet<>();
    for (List<@Nullable Value> row : answers) {
      List<String> cells = new ArrayList<>();
      for (Value v : row) {
        cells.add(v == null ? "*" : v.isPrimitive() ? v.id() : v.toString());
      }
      out.add(cells.size() == 1 ? cells.get(0) : "(" + String.join(", ", cells) + ")");
    }
    return out;
  }

  private static TestReport.Failure failure(
      PolarTest test,
      PolarTest.Assertion assertion,
      List<String> missing,
      List<String> unexpected) {
    StringBuilder message =
        new StringBuilder()
            .append(assertion.span())
            .append(": test \"")
            .append(test.name())
            .append("\": ")
            .append(assertion.text())
            .append(" failed");
    if (assertion.iff() != null) {
      message.append("; missing: ").append(missing).append(", unexpected: ").append(unexpected);
    }
    return new TestReport.Failure(
        "AssertionFailed",
        test.name(),
        assertion.span(),
        assertion.text(),
        missing,
        unexpected,
        message.toString());
  }
}
