package dev.osoj.sql;

import static java.util.Objects.requireNonNull;

import dev.osoj.Value;
import java.util.List;

/**
 * A small relational algebra describing the answers of a question as a set of tuples of Oso {@link
 * Value}s. The planner produces it; SQL, jOOQ and Hibernate renderers consume it, which is what
 * keeps {@code list}, the SQL filter and the ORM filters in agreement.
 *
 * <p>Every node has a fixed {@link #arity()}; its columns are numbered from 0. A column holds a
 * value, that is a type and an id: a renderer keeps both (a type column and an id column) unless
 * the type is known statically. Relations are sets: renderers may add {@code DISTINCT} freely.
 *
 * <p>Instances are immutable. Nodes are records so plans compare by value and print readably.
 */
public sealed interface Plan {
  /**
   * Returns the number of columns.
   *
   * @return the arity
   */
  int arity();

  /**
   * Reads every tuple of one fact source.
   *
   * @param source the source
   */
  record Scan(FactSource source) implements Plan {
    /** Creates a scan. */
    public Scan {
      requireNonNull(source, "source");
    }

    @Override
    public int arity() {
      return source.arity();
    }
  }

  /**
   * Constant tuples: context facts and facts held in memory, rendered as bound {@code VALUES}.
   *
   * @param arity the number of columns
   * @param rows the tuples, each of size {@code arity}; may be empty
   */
  record Values(int arity, List<List<Value>> rows) implements Plan {
    /** Creates the tuples, checking every row's size. */
    public Values {
      rows =
          rows.stream().map(List::copyOf).collect(java.util.stream.Collectors.toUnmodifiableList());
      for (List<Value> row : rows) {
        if (row.size() != arity) {
          throw new IllegalArgumentException(
              "values row has " + row.size() + " columns, expected " + arity);
        }
      }
    }
  }

  /**
   * Keeps the input tuples satisfying a condition over the input's columns.
   *
   * @param input the input
   * @param condition the condition
   */
  record Filter(Plan input, Condition condition) implements Plan {
    /** Creates a filter. */
    public Filter {
      requireNonNull(input, "input");
      requireNonNull(condition, "condition");
    }

    @Override
    public int arity() {
      return input.arity();
    }
  }

  /**
   * Computes new columns from the input's columns. An {@link Expr.Any} output means the value is
   * unconstrained (every value of that type): only the top of a plan may hold one.
   *
   * @param input the input
   * @param outputs one expression per output column
   */
  record Project(Plan input, List<Expr> outputs) implements Plan {
    /** Creates a projection. */
    public Project {
      requireNonNull(input, "input");
      outputs = List.copyOf(outputs);
    }

    @Override
    public int arity() {
      return outputs.size();
    }
  }

  /**
   * The tuples of {@code left} concatenated with those of {@code right} that satisfy a condition.
   * In the condition, columns {@code 0..left.arity()-1} are the left's and the following ones the
   * right's.
   *
   * @param left the left input
   * @param right the right input
   * @param on the join condition (an empty {@link Condition.And} for a cross product)
   */
  record Join(Plan left, Plan right, Condition on) implements Plan {
    /** Creates a join. */
    public Join {
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      requireNonNull(on, "on");
    }

    @Override
    public int arity() {
      return left.arity() + right.arity();
    }
  }

  /**
   * The set union of inputs of equal arity.
   *
   * @param arity the arity of every input
   * @param inputs the inputs; an empty union is the empty relation
   */
  record Union(int arity, List<Plan> inputs) implements Plan {
    /** Creates a union, checking the arities. */
    public Union {
      inputs = List.copyOf(inputs);
      for (Plan p : inputs) {
        if (p.arity() != arity) {
          throw new IllegalArgumentException(
              "union input has arity " + p.arity() + ", expected " + arity);
        }
      }
    }
  }

  /**
   * The tuples of {@code left} for which no tuple of {@code right} satisfies the condition ({@code
   * NOT EXISTS}); used for {@code not}. Columns are numbered as in {@link Join}. The output has the
   * left's columns only.
   *
   * @param left the kept input
   * @param right the excluded tuples
   * @param on the correlation condition
   */
  record AntiJoin(Plan left, Plan right, Condition on) implements Plan {
    /** Creates an anti-join. */
    public AntiJoin {
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      requireNonNull(on, "on");
    }

    @Override
    public int arity() {
      return left.arity();
    }
  }

  /**
   * The least fixpoint of a recursive relation ({@code WITH RECURSIVE}): start with {@code seed},
   * then repeatedly add the tuples of {@code step}, in which {@link RecursiveRef}s named {@code
   * name} stand for the tuples found so far. Set semantics make cyclic data terminate.
   *
   * @param name the name of the relation, unique within the plan, a simple SQL identifier
   * @param arity the number of columns
   * @param seed the non-recursive part
   * @param step the recursive part
   */
  record Fixpoint(String name, int arity, Plan seed, Plan step) implements Plan {
    /** Creates a fixpoint, checking the arities and the name. */
    public Fixpoint {
      requireNonNull(name, "name");
      SqlDialect.checkSimpleIdentifier(name);
      if (seed.arity() != arity || step.arity() != arity) {
        throw new IllegalArgumentException("fixpoint '" + name + "' parts differ in arity");
      }
    }
  }

  /**
   * Inside the {@code step} of a {@link Fixpoint}: the tuples found so far.
   *
   * @param name the fixpoint's name
   * @param arity its arity
   */
  record RecursiveRef(String name, int arity) implements Plan {
    /** Creates a reference. */
    public RecursiveRef {
      requireNonNull(name, "name");
    }
  }

  /**
   * A relation of arity 0 that is either true (one empty tuple) or false (no tuple).
   *
   * @param value true for always, false for never
   */
  record Constant(boolean value) implements Plan {
    /** The relation holding one empty tuple. */
    public static final Constant ALWAYS = new Constant(true);

    /** The empty relation of arity 0. */
    public static final Constant NEVER = new Constant(false);

    @Override
    public int arity() {
      return 0;
    }
  }

  /** A value computed from a tuple. */
  sealed interface Expr {
    /**
     * The value of one input column.
     *
     * @param index the column number, from 0
     */
    record Column(int index) implements Expr {
      /** Creates a column reference. */
      public Column {
        if (index < 0) {
          throw new IllegalArgumentException("column index must be >= 0, not '" + index + "'");
        }
      }
    }

    /**
     * A constant value (rendered as bound parameters).
     *
     * @param value the value
     */
    record Const(Value value) implements Expr {
      /** Creates a constant. */
      public Const {
        requireNonNull(value, "value");
      }
    }

    /**
     * Any value of one type (an unbounded answer, polar.md §5.7).
     *
     * @param type the type name
     */
    record Any(String type) implements Expr {
      /** Creates the wildcard. */
      public Any {
        requireNonNull(type, "type");
      }
    }
  }

  /** A condition on a tuple. */
  sealed interface Condition {
    /** The condition that always holds. */
    Condition TRUE = new And(List.of());

    /**
     * Both values are equal: same type and same id.
     *
     * @param left one side
     * @param right the other
     */
    record Eq(Expr left, Expr right) implements Condition {
      /** Creates the condition. */
      public Eq {
        requireNonNull(left, "left");
        requireNonNull(right, "right");
      }
    }

    /**
     * A comparison: {@link Op#NE} on any values; the orderings on {@code Integer} values only (a
     * non-integer makes the condition false).
     *
     * @param op the operator
     * @param left the left side
     * @param right the right side
     */
    record Compare(Op op, Expr left, Expr right) implements Condition {
      /** Creates the condition. */
      public Compare {
        requireNonNull(op, "op");
        requireNonNull(left, "left");
        requireNonNull(right, "right");
      }
    }

    /**
     * The value's type is one of the listed type names (exact names: the planner expands abstract
     * and super types to their declared subtypes).
     *
     * @param expr the value
     * @param types the accepted type names; empty means never
     */
    record TypeIn(Expr expr, List<String> types) implements Condition {
      /** Creates the condition. */
      public TypeIn {
        requireNonNull(expr, "expr");
        types = List.copyOf(types);
      }
    }

    /**
     * Every condition holds; the empty conjunction is true.
     *
     * @param conditions the conjuncts
     */
    record And(List<Condition> conditions) implements Condition {
      /** Creates the conjunction. */
      public And {
        conditions = List.copyOf(conditions);
      }
    }

    /** Comparison operators. */
    enum Op {
      /** Not equal (type or id differs). */
      NE,
      /** Less than, on integers. */
      LT,
      /** Less than or equal, on integers. */
      LE,
      /** Greater than, on integers. */
      GT,
      /** Greater than or equal, on integers. */
      GE
    }
  }
}
