package dev.osoj.internal.embedded;

import dev.osoj.EvaluationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a question again, on a thread of its own with a large stack, when the evaluator's
 * recursion outgrew the caller's stack.
 *
 * <p>The evaluator recurses on the Java stack once per nested sub-question, so a question that
 * walks a long chain with its argument bound (the ancestors of the deepest folder of a tree 10,000
 * folders deep) needs more stack than a default thread has, about one kilobyte per level. Giving
 * every question a large stack would cost a thread hand-off per question; instead the question
 * first runs on the caller's thread and, only if that overflows, once more on a thread whose stack
 * is {@value #STACK_BYTES} bytes (address space reserved, memory committed only as the recursion
 * goes, and freed when the thread ends). The first attempt has closed its evaluation, and so
 * released its read lock, before the second starts, so the retry cannot wait behind a writer that
 * waits for the caller.
 *
 * <p>Limitation: this removes the crash, not the cost. On a chain asked with one end bound (the
 * ancestors of a node, with a rule that recurses after a fact lookup) the evaluator tables every
 * level and iterates the recursive group naively, so time and memory grow with the square of the
 * depth: about 1 s and 0.8 GB for 4,000 levels.
 */
final class DeepStack {
  /** The stack of the retry thread: room for about a million nested sub-questions. */
  static final long STACK_BYTES = 1L << 30;

  private static final Logger logger = LoggerFactory.getLogger(DeepStack.class);

  private DeepStack() {}

  /**
   * Runs a question, and runs it again on a large stack if it overflowed the caller's.
   *
   * @param question the question; opens and closes its own evaluation
   * @param <T> the answer type
   * @return the answer
   * @throws EvaluationException if the question fails, or overflows even the large stack
   */
  static <T> T run(Supplier<T> question) {
    try {
      return question.get();
    } catch (EvaluationException e) {
      if (!(e.getCause() instanceof StackOverflowError)) {
        throw e;
      }
      logger.debug("question recursed too deep for the caller's stack; retrying on a large stack");
      return onLargeStack(question);
    }
  }

  private static <T> T onLargeStack(Supplier<T> question) {
    AtomicReference<T> answer = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    AtomicReference<Error> error = new AtomicReference<>();
    Runnable task =
        () -> {
          try {
            answer.set(question.get());
          } catch (EvaluationException e) {
            failure.set(
                e.getCause() instanceof StackOverflowError
                    ? new EvaluationException(
                        "recursion nested too deep even for a "
                            + (STACK_BYTES >> 20)
                            + " MiB stack while answering the question",
                        e.getCause())
                    : e);
          } catch (RuntimeException e) {
            failure.set(e);
          } catch (Error e) {
            error.set(e);
          }
        };
    Thread thread = new Thread(null, task, "osoj-deep-question", STACK_BYTES);
    thread.setDaemon(true);
    thread.start();
    joinUninterruptibly(thread);
    if (error.get() != null) {
      throw error.get();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return answer.get();
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
