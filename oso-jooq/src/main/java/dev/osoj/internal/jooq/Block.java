package dev.osoj.internal.jooq;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Table;

/**
 * A select-project-join block under construction: the tables of its {@code FROM}, the conjuncts of
 * its {@code WHERE} and one {@link Term} per output column. Operators on plans combine blocks
 * without nesting subqueries where they can, which keeps recursive references at the top level of a
 * recursive term (as PostgreSQL requires).
 *
 * @param from the {@code FROM} items, each aliased privately
 * @param where the conjuncts
 * @param outputs the output columns
 * @param empty true when the block is known to yield no row
 */
record Block(List<Table<?>> from, List<Condition> where, List<Term> outputs, boolean empty) {
  Block {
    from = List.copyOf(from);
    where = List.copyOf(where);
    outputs = List.copyOf(outputs);
  }

  /** The block yielding one empty tuple. */
  static Block unit() {
    return new Block(List.of(), List.of(), List.of(), false);
  }

  /** A block yielding no row, of some arity. */
  static Block nothing(int arity) {
    List<Term> outputs = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      outputs.add(Term.constant("-", "-"));
    }
    return new Block(List.of(), List.of(), outputs, true);
  }

  Block withCondition(Condition condition) {
    List<Condition> all = new ArrayList<>(where);
    all.add(condition);
    return new Block(from, all, outputs, empty);
  }

  Block withOutputs(List<Term> newOutputs) {
    return new Block(from, where, newOutputs, empty);
  }

  int arity() {
    return outputs.size();
  }
}
