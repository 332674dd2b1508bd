package dev.osoj.internal.plan;

import dev.osoj.Value;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Stand-ins for the bound entity arguments of a question whose plan is cached ({@link PlanCache}):
 * a plan is built once with a placeholder per distinct bound entity value, then reused with the
 * real values substituted. Planning compares values only through {@link #same}. Comparing a
 * placeholder with a concrete value of the same type would depend on the real value: while a
 * template is planned ({@link #assuming}) the comparison answers "different" and records the
 * concrete value, so that the template is used only for real values other than the recorded ones;
 * outside, it throws {@link Dependent}.
 *
 * <p>Placeholder ids start with a NUL character and a random per-JVM nonce, so no value of a
 * question or a policy can equal one by accident.
 */
final class Params {
  private static final String PREFIX = "\u0000osoj-param-" + UUID.randomUUID() + "-";

  private Params() {}

  /** Returns placeholder number {@code index} of a type. */
  static Value placeholder(String type, int index) {
    return new Value(type, PREFIX + index);
  }

  /** Whether a value is a placeholder. */
  static boolean isPlaceholder(Value v) {
    return v.id().startsWith(PREFIX);
  }

  /** Returns the index of a placeholder id, or -1 if the text is not exactly one. */
  static int indexOf(String id) {
    if (!id.startsWith(PREFIX)) {
      return -1;
    }
    try {
      return Integer.parseInt(id.substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whether a text holds (part of) a placeholder id. */
  static boolean mentionsPlaceholder(String text) {
    return text.contains(PREFIX);
  }

  /**
   * Whether two values are equal, for planning. Distinct placeholders stand for distinct real
   * values (equal bound values share one placeholder), so only a placeholder against a concrete
   * value of its type is undecidable.
   *
   * @throws Dependent when the answer depends on the value a placeholder stands for
   */
  static boolean same(Value a, Value b) {
    boolean pa = isPlaceholder(a);
    boolean pb = isPlaceholder(b);
    if (pa == pb || !a.type().equals(b.type())) {
      return a.equals(b);
    }
    Map<Value, Set<Value>> assumed = ASSUMED.get();
    if (assumed == null) {
      throw new Dependent();
    }
    assumed.computeIfAbsent(pa ? a : b, k -> new HashSet<>()).add(pa ? b : a);
    return false;
  }

  private static final ThreadLocal<Map<Value, Set<Value>>> ASSUMED = new ThreadLocal<>();

  /**
   * Runs the planning of a template on this thread, recording in {@code assumed}, per placeholder,
   * the concrete values it was taken to differ from.
   */
  static <T> T assuming(Map<Value, Set<Value>> assumed, Supplier<T> planning) {
    ASSUMED.set(assumed);
    try {
      return planning.get();
    } finally {
      ASSUMED.remove();
    }
  }

  /** Raised while planning a template when the plan would depend on a placeholder's value. */
  static final class Dependent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Dependent() {
      super("the plan depends on a bound value", null, false, false);
    }
  }
}
