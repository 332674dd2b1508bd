package dev.osoj.internal.polar;

/**
 * How strictly the loader asks for static types of variables that occur only in a rule body
 * (polar.md §3.4, [choice]).
 */
public enum Typing {
  /** Untyped body variables are fine; their type is inferred as "any" (the default). */
  LENIENT,
  /**
   * A variable that occurs only in the body and is an argument of a call must have a static type:
   * from {@code x matches T}, from {@code x = t} with {@code t} a constant or a typed variable, or
   * from an ordering comparison (which makes it an {@code Integer}). Otherwise {@code TypeError}.
   * This is how every Oso-authored policy is written.
   */
  STRICT
}
