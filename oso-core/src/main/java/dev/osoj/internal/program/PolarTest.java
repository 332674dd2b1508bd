package dev.osoj.internal.program;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.SourceSpan;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code test "name" { … }} block with its fixtures already expanded into facts.
 *
 * @param name the test name
 * @param facts the setup facts, fixtures included
 * @param assertions the assertions, in order
 * @param span where the test block starts
 */
public record PolarTest(
    String name, List<Fact> facts, List<Assertion> assertions, SourceSpan span) {
  /** Creates a test. */
  public PolarTest {
    requireNonNull(name, "name");
    facts = List.copyOf(facts);
    assertions = List.copyOf(assertions);
    requireNonNull(span, "span");
  }

  /**
   * One {@code assert} / {@code assert_not}, optionally with {@code iff}.
   *
   * @param negated true for {@code assert_not}
   * @param predicate the asserted predicate
   * @param args the call's arguments: constants, typed variables ({@code x: T}), untyped variables,
   *     or anonymous ones
   * @param iff the {@code iff} condition in disjunctive normal form (each inner list a
   *     conjunction), or null when absent
   * @param text the assertion as written, for messages
   * @param span where the assertion is
   */
  public record Assertion(
      boolean negated,
      String predicate,
      List<Param> args,
      @Nullable List<List<Literal>> iff,
      String text,
      SourceSpan span) {
    /** Creates an assertion. */
    public Assertion {
      requireNonNull(predicate, "predicate");
      args = List.copyOf(args);
      iff =
          iff == null
              ? null
              : iff.stream()
                  .map(List::copyOf)
                  .collect(java.util.stream.Collectors.toUnmodifiableList());
      requireNonNull(text, "text");
      requireNonNull(span, "span");
    }
  }
}
