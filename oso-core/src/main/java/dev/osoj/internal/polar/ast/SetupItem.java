package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;

/** An entry of a test {@code setup}: a ground fact ({@link Call}) or a fixture reference. */
public sealed interface SetupItem extends Node permits Call, SetupItem.FixtureRef {

  /**
   * {@code fixture name;}.
   *
   * @param name the fixture name
   * @param span where the {@code fixture} keyword is
   */
  record FixtureRef(Name name, SourceSpan span) implements SetupItem {
    /** Creates a fixture reference. */
    public FixtureRef {
      requireNonNull(name, "name");
      requireNonNull(span, "span");
    }
  }
}
