package dev.osoj.internal.jooq;

import dev.osoj.Value;
import dev.osoj.sql.Plan;
import dev.osoj.sql.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Renders plan conditions over the output terms of a block. */
final class Conditions {
  private Conditions() {}

  /**
   * Returns the term an expression denotes.
   *
   * @param e the expression
   * @param columns the terms of the input columns
   * @return the term
   * @throws IllegalArgumentException for an unbounded value below the top of a plan
   */
  static Term term(Plan.Expr e, List<Term> columns) {
    if (e instanceof Plan.Expr.Column) {
      int index = ((Plan.Expr.Column) e).index();
      if (index >= columns.size()) {
        throw new IllegalArgumentException(
            "plan refers to column " + index + " of a relation of arity " + columns.size());
      }
      return columns.get(index);
    } else if (e instanceof Plan.Expr.Const) {
      Value v = ((Plan.Expr.Const) e).value();
      return Term.constant(v.type(), v.id());
    } else if (e instanceof Plan.Expr.Any) {
      throw new IllegalArgumentException(
          "plan holds an unbounded '" + ((Plan.Expr.Any) e).type() + "' below its top");
    }
    throw new AssertionError("unknown expression " + e.getClass().getName());
  }

  /**
   * Renders a condition.
   *
   * @param c the condition
   * @param columns the terms of the columns it refers to
   * @return the jOOQ condition
   */
  static Condition of(Plan.Condition c, List<Term> columns) {
    if (c instanceof Plan.Condition.Eq) {
      Plan.Condition.Eq eq = (Plan.Condition.Eq) c;
      return equal(term(eq.left(), columns), term(eq.right(), columns));
    } else if (c instanceof Plan.Condition.Compare) {
      Plan.Condition.Compare cmp = (Plan.Condition.Compare) c;
      Term left = term(cmp.left(), columns);
      Term right = term(cmp.right(), columns);
      return cmp.op() == Plan.Condition.Op.NE
          ? DSL.not(equal(left, right))
          : order(cmp.op(), left, right);
    } else if (c instanceof Plan.Condition.TypeIn) {
      Plan.Condition.TypeIn in = (Plan.Condition.TypeIn) c;
      Term t = term(in.expr(), columns);
      if (t.staticType() != null) {
        return in.types().contains(t.staticType()) ? DSL.trueCondition() : DSL.falseCondition();
      }
      return in.types().isEmpty() ? DSL.falseCondition() : t.typeExpression().in(in.types());
    } else if (c instanceof Plan.Condition.And) {
      List<Condition> parts = new ArrayList<>();
      for (Plan.Condition part : ((Plan.Condition.And) c).conditions()) {
        parts.add(of(part, columns));
      }
      return DSL.and(parts);
    }
    throw new AssertionError("unknown condition " + c.getClass().getName());
  }

  /** Same type and same id. */
  static Condition equal(Term a, Term b) {
    if (a.staticType() != null
        && b.staticType() != null
        && !a.staticType().equals(b.staticType())) {
      return DSL.falseCondition();
    }
    return DSL.and(sameType(a, b), sameId(a, b));
  }

  private static Condition sameType(Term a, Term b) {
    if (a.staticType() != null && b.staticType() != null) {
      return a.staticType().equals(b.staticType()) ? DSL.trueCondition() : DSL.falseCondition();
    }
    return a.typeExpression().eq(b.typeExpression());
  }

  @SuppressWarnings("unchecked")
  private static Condition sameId(Term a, Term b) {
    if (a.constantId() != null && b.constantId() != null) {
      return a.constantId().equals(b.constantId()) ? DSL.trueCondition() : DSL.falseCondition();
    }
    if (a.constantId() != null) {
      return sameId(b, a);
    }
    Field<Object> column = (Field<Object>) a.idField();
    if (b.constantId() != null) {
      Field<?> bound = Types.bind(a.sqlType(), b.constantId());
      return bound == null ? DSL.falseCondition() : column.eq((Field<Object>) bound);
    }
    if (Types.comparable(a.sqlType(), b.sqlType())) {
      return column.eq((Field<Object>) b.idField());
    }
    return a.idAsText().eq(b.idAsText());
  }

  private static Condition order(Plan.Condition.Op op, Term a, Term b) {
    Condition integers = DSL.and(isInteger(a), isInteger(b));
    Field<Long> x = integer(a);
    Field<Long> y = integer(b);
    Condition cmp;
    switch (op) {
      case LT:
        cmp = x.lt(y);
        break;
      case LE:
        cmp = x.le(y);
        break;
      case GT:
        cmp = x.gt(y);
        break;
      case GE:
        cmp = x.ge(y);
        break;
      default:
        throw new AssertionError(op);
    }
    return DSL.and(integers, cmp);
  }

  private static Condition isInteger(Term t) {
    if (t.staticType() != null) {
      return t.staticType().equals(Value.INTEGER) ? DSL.trueCondition() : DSL.falseCondition();
    }
    return t.typeExpression().eq(DSL.val(Value.INTEGER, SQLDataType.VARCHAR));
  }

  @SuppressWarnings("unchecked")
  private static Field<Long> integer(Term t) {
    if (t.constantId() != null) {
      try {
        return DSL.val(Long.parseLong(t.constantId()));
      } catch (NumberFormatException e) {
        return DSL.castNull(SQLDataType.BIGINT);
      }
    }
    if (t.sqlType() == SqlType.BIGINT || t.sqlType() == SqlType.INTEGER) {
      return ((Field<Object>) t.idField()).cast(SQLDataType.BIGINT);
    }
    return DSL.when(isInteger(t), t.idAsText().cast(SQLDataType.BIGINT));
  }
}
