package dev.osoj.internal.embedded;

import dev.osoj.Fact;
import dev.osoj.Query;
import dev.osoj.Value;
import dev.osoj.internal.program.Program;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Answers the four questions of {@link dev.osoj.Oso} for {@link EmbeddedOso}. The embedded Oso owns
 * everything around the answer — the current policy, fact validation, the clock, sorting,
 * pagination and the wildcard convention — and hands the engine only the question.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>every method receives the {@link Program} in force when the question was asked; the engine
 *       must answer with that program even if another is prepared meanwhile;
 *   <li>context facts and the query's context facts are already checked against the program's fact
 *       signatures; they are visible to this one question only;
 *   <li>{@code nowSeconds} is the value of {@code @current_unix_time} for the whole question;
 *   <li>an answer reflects one consistent state of the facts (no half-applied batch);
 *   <li>implementations are thread-safe.
 * </ul>
 *
 * <p>The evaluator-backed implementation for {@link dev.osoj.store.MemoryFactStore} is {@link
 * EvaluatorEngine}. A fact store may supply its own engine by implementing {@link Provider} (the
 * SQL-backed store does), or one may be passed to the builder.
 */
public interface QuestionEngine {
  /**
   * Prepares a program before it is put in force (compiles it), so that a program the engine cannot
   * handle is refused while the previous one stays in force. The default does nothing.
   *
   * @param program the program about to be used
   * @throws dev.osoj.OsoException if the engine cannot answer questions under this program
   */
  default void prepare(Program program) {}

  /**
   * Returns whether {@code allow(actor, action, resource)} holds.
   *
   * @param program the policy
   * @param actor the actor
   * @param action the action
   * @param resource the resource
   * @param contextFacts facts for this question only
   * @param nowSeconds the question's {@code @current_unix_time}
   * @return true if allowed
   */
  boolean authorize(
      Program program,
      Value actor,
      String action,
      Value resource,
      List<Fact> contextFacts,
      long nowSeconds);

  /**
   * Returns the ids of the resources of exactly {@code resourceType} (not its subtypes) with {@code
   * allow(actor, action, resource)}.
   *
   * @param program the policy
   * @param actor the actor
   * @param action the action
   * @param resourceType the resource type
   * @param contextFacts facts for this question only
   * @param nowSeconds the question's {@code @current_unix_time}
   * @return the ids and whether the answer is unbounded
   */
  ListAnswer list(
      Program program,
      Value actor,
      String action,
      String resourceType,
      List<Fact> contextFacts,
      long nowSeconds);

  /**
   * Returns the strings {@code a} with {@code allow(actor, a, resource)}.
   *
   * @param program the policy
   * @param actor the actor
   * @param resource the resource
   * @param contextFacts facts for this question only
   * @param nowSeconds the question's {@code @current_unix_time}
   * @return the actions and whether the answer is unbounded
   */
  ListAnswer actions(
      Program program, Value actor, Value resource, List<Fact> contextFacts, long nowSeconds);

  /**
   * Answers a query in the raw shape of {@code /evaluate_query}.
   *
   * @param program the policy
   * @param query the query, with its context facts
   * @param nowSeconds the question's {@code @current_unix_time}
   * @return one map per distinct answer, variable name to id, null when unbounded
   */
  List<Map<String, @Nullable String>> evaluateQuery(Program program, Query query, long nowSeconds);

  /** Implemented by a {@link dev.osoj.spi.FactStore} that brings its own engine. */
  interface Provider {
    /**
     * Returns the engine answering questions over this store's facts.
     *
     * @return the engine
     */
    QuestionEngine questionEngine();
  }
}
