package dev.osoj.internal.polar.ast;

/** A comparison operator of a rule body. */
public enum CompareOp {
  /** {@code <}. */
  LT("<"),
  /** {@code <=}. */
  LE("<="),
  /** {@code >}. */
  GT(">"),
  /** {@code >=}. */
  GE(">="),
  /** {@code !=}. */
  NE("!=");

  private final String symbol;

  CompareOp(String symbol) {
    this.symbol = symbol;
  }

  /**
   * Returns the operator as written in Polar.
   *
   * @return the symbol
   */
  public String symbol() {
    return symbol;
  }
}
