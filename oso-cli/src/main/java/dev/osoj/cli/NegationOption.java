package dev.osoj.cli;

import dev.osoj.internal.polar.Negation;
import picocli.CommandLine.Option;

/** The {@code --extended-negation} option of every verb that loads a policy. */
public final class NegationOption {
  @Option(
      names = "--extended-negation",
      description =
          "Accept any stratified negation: 'not' over derived predicates and compound conditions"
              + " (default: 'not' over one stored fact, as Oso Cloud documents).")
  boolean extended;

  /** Creates the option; picocli sets it. */
  public NegationOption() {}

  /**
   * Returns whether the option was given.
   *
   * @return true for extended negation
   */
  public boolean isExtended() {
    return extended;
  }

  /**
   * Returns the mode the option selects.
   *
   * @return the negation mode
   */
  public Negation mode() {
    return extended ? Negation.EXTENDED : Negation.STRICT;
  }
}
