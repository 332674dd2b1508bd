package dev.osoj.internal.eval;

import dev.osoj.internal.program.PredicateKey;

/** A predicate of a compiled program: its stored relation (if any) and its rules. */
final class Pred {
  final PredicateKey key;
  final int relation;
  CRule[] rules = new CRule[0];

  Pred(PredicateKey key, int relation) {
    this.key = key;
    this.relation = relation;
  }

  @Override
  public String toString() {
    return key.toString();
  }
}
