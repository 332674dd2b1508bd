package dev.osoj.internal.embedded;

import static java.util.Objects.requireNonNull;

import dev.osoj.Fact;
import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.internal.eval.CompiledProgram;
import dev.osoj.internal.eval.Evaluation;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.store.FactDatabase;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@link QuestionEngine} over an in-memory {@link FactDatabase}: compiles each program once and
 * keeps the compiled forms of the last two programs (the one in force and the one before, for
 * questions in flight during a swap); an older program is compiled again if a question still uses
 * it. {@code authorize} without context facts first tries the program's unfolded fast path ({@link
 * CompiledProgram#authorizeFast}); every other question, and every {@code authorize} the fast path
 * does not cover, is answered in one {@link Evaluation}.
 */
public final class EvaluatorEngine implements QuestionEngine {
  private final FactDatabase database;
  private final boolean fastPath;
  private volatile @Nullable CompiledProgram current;
  private volatile @Nullable CompiledProgram previous;

  /**
   * Creates an engine reading one database.
   *
   * @param database the facts
   */
  public EvaluatorEngine(FactDatabase database) {
    this(database, true);
  }

  /**
   * Creates an engine, optionally without the {@code authorize} fast path (for tests comparing the
   * two).
   *
   * @param database the facts
   * @param fastPath false to answer every question with the solver
   */
  EvaluatorEngine(FactDatabase database, boolean fastPath) {
    this.database = requireNonNull(database, "database");
    this.fastPath = fastPath;
  }

  @Override
  public void prepare(Program program) {
    compiled(program);
  }

  /**
   * Returns the compiled form of a program, compiling it on first use.
   *
   * @param program the program
   * @return the compiled program
   */
  public CompiledProgram compiled(Program program) {
    CompiledProgram c = current;
    if (c != null && c.program() == program) {
      return c;
    }
    CompiledProgram p = previous;
    if (p != null && p.program() == program) {
      return p;
    }
    synchronized (this) {
      c = current;
      if (c != null && c.program() == program) {
        return c;
      }
      CompiledProgram fresh = CompiledProgram.compile(program, database);
      previous = c;
      current = fresh;
      return fresh;
    }
  }

  @Override
  public boolean authorize(
      Program program,
      Value actor,
      String action,
      Value resource,
      List<Fact> contextFacts,
      long nowSeconds) {
    CompiledProgram compiled = compiled(program);
    if (fastPath && contextFacts.isEmpty()) {
      // the fast path never recurses deeper than its plan, so it runs on the caller's thread
      int answer = compiled.authorizeFast(actor, action, resource);
      if (answer >= 0) {
        return answer == 1;
      }
    }
    return DeepStack.run(
        () -> {
          try (Evaluation e = compiled.open(contextFacts, nowSeconds)) {
            return e.authorize(actor, action, resource);
          }
        });
  }

  @Override
  public ListAnswer list(
      Program program,
      Value actor,
      String action,
      String resourceType,
      List<Fact> contextFacts,
      long nowSeconds) {
    CompiledProgram compiled = compiled(program);
    return DeepStack.run(
        () -> {
          try (Evaluation e = compiled.open(contextFacts, nowSeconds)) {
            Evaluation.Answer answer = e.list(actor, action, resourceType);
            return new ListAnswer(answer.values(), answer.unbounded());
          }
        });
  }

  @Override
  public ListAnswer actions(
      Program program, Value actor, Value resource, List<Fact> contextFacts, long nowSeconds) {
    CompiledProgram compiled = compiled(program);
    return DeepStack.run(
        () -> {
          try (Evaluation e = compiled.open(contextFacts, nowSeconds)) {
            Evaluation.Answer answer = e.actions(actor, resource);
            return new ListAnswer(answer.values(), answer.unbounded());
          }
        });
  }

  @Override
  public List<Map<String, @Nullable String>> evaluateQuery(
      Program program, Query query, long nowSeconds) {
    CompiledProgram compiled = compiled(program);
    return DeepStack.run(
        () -> {
          try (Evaluation e = compiled.open(query.contextFacts(), nowSeconds)) {
            return e.query(query);
          }
        });
  }
}
