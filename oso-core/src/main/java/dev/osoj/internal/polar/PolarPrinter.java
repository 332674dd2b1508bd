package dev.osoj.internal.polar;

import dev.osoj.internal.polar.ast.Assertion;
import dev.osoj.internal.polar.ast.BlockMember;
import dev.osoj.internal.polar.ast.Call;
import dev.osoj.internal.polar.ast.DeclValue;
import dev.osoj.internal.polar.ast.Expr;
import dev.osoj.internal.polar.ast.Head;
import dev.osoj.internal.polar.ast.Item;
import dev.osoj.internal.polar.ast.Name;
import dev.osoj.internal.polar.ast.PolicyFile;
import dev.osoj.internal.polar.ast.Setup;
import dev.osoj.internal.polar.ast.SetupItem;
import dev.osoj.internal.polar.ast.ShExpr;
import dev.osoj.internal.polar.ast.ShTerm;
import dev.osoj.internal.polar.ast.Term;
import dev.osoj.internal.polar.ast.TypeRef;
import java.util.List;

/**
 * Writes a syntax tree back as Polar text. Parsing the output gives the same tree up to spans
 * ({@link dev.osoj.internal.polar.ast.AstNodes#equalIgnoringSpans}): nested {@code and}/{@code or}
 * groups are parenthesised exactly where the tree nests them. Primitive object literals come out in
 * their plain form ({@code "a"}, not {@code String{"a"}}), as the tree does not keep the spelling.
 * A rule longer than 100 characters whose body is a conjunction gets one conjunct per line.
 */
public final class PolarPrinter {
  private static final String INDENT = "  ";

  /** Rules longer than this are printed with one top-level conjunct per line. */
  private static final int WIDTH = 100;

  private final StringBuilder out = new StringBuilder();

  private PolarPrinter() {}

  /**
   * Prints a whole file, one item after another.
   *
   * @param file the tree
   * @return Polar text
   */
  public static String print(PolicyFile file) {
    PolarPrinter printer = new PolarPrinter();
    for (Item item : file.items()) {
      printer.item(item);
    }
    return printer.out.toString();
  }

  /**
   * Prints a rule body, condition or query expression.
   *
   * @param expr the expression
   * @return Polar text
   */
  public static String print(Expr expr) {
    PolarPrinter printer = new PolarPrinter();
    printer.expr(expr);
    return printer.out.toString();
  }

  /**
   * Prints a term.
   *
   * @param term the term
   * @return Polar text
   */
  public static String print(Term term) {
    PolarPrinter printer = new PolarPrinter();
    printer.term(term);
    return printer.out.toString();
  }

  /**
   * Returns a string as a Polar string literal with the escapes of §1.3.
   *
   * @param value the contents
   * @return the literal, quotes included
   */
  public static String quote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\0':
          sb.append("\\0");
          break;
        default:
          sb.append(ch);
      }
    }
    return sb.append('"').toString();
  }

  // ---------------------------------------------------------------- items

  private void item(Item item) {
    if (item instanceof Item.ResourceBlock) {
      resourceBlock((Item.ResourceBlock) item);
    } else if (item instanceof Item.GlobalBlock) {
      out.append("global {\n");
      members(((Item.GlobalBlock) item).members());
    } else if (item instanceof Item.Rule) {
      rule((Item.Rule) item);
    } else if (item instanceof Item.RuleType) {
      out.append("type ");
      head(((Item.RuleType) item).head());
      out.append(";\n");
    } else if (item instanceof Item.Declare) {
      declare((Item.Declare) item);
    } else if (item instanceof Item.InlineQuery) {
      out.append("?= ");
      expr(((Item.InlineQuery) item).body());
      out.append(";\n");
    } else if (item instanceof Item.Fixture) {
      fixture((Item.Fixture) item);
    } else if (item instanceof Item.TestBlock) {
      testBlock((Item.TestBlock) item);
    } else {
      throw new AssertionError(item);
    }
  }

  private void resourceBlock(Item.ResourceBlock block) {
    out.append(block.kind() == Item.BlockKind.ACTOR ? "actor " : "resource ");
    out.append(block.type().name());
    if (!block.supertypes().isEmpty()) {
      out.append(" extends ");
      typeList(block.supertypes());
    }
    out.append(" {\n");
    members(block.members());
  }

  private void typeList(List<TypeRef> types) {
    for (int i = 0; i < types.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(types.get(i).name());
    }
  }

  private void members(List<BlockMember> members) {
    for (BlockMember member : members) {
      out.append(INDENT);
      if (member instanceof BlockMember.Declaration) {
        declaration((BlockMember.Declaration) member);
      } else if (member instanceof BlockMember.ShorthandRule) {
        BlockMember.ShorthandRule rule = (BlockMember.ShorthandRule) member;
        shExpr(rule.head(), 0);
        out.append(" if ");
        shExpr(rule.body(), 0);
      } else {
        throw new AssertionError(member);
      }
      out.append(";\n");
    }
    out.append("}\n");
  }

  private void declaration(BlockMember.Declaration declaration) {
    out.append(declaration.key().text()).append(" = ");
    DeclValue value = declaration.value();
    if (value instanceof DeclValue.StringList) {
      out.append('[');
      List<Name> items = ((DeclValue.StringList) value).items();
      for (int i = 0; i < items.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(quote(items.get(i).text()));
      }
      out.append(']');
    } else if (value instanceof DeclValue.RelationMap) {
      List<DeclValue.Entry> entries = ((DeclValue.RelationMap) value).entries();
      out.append(entries.isEmpty() ? "{" : "{ ");
      for (int i = 0; i < entries.size(); i++) {
        DeclValue.Entry entry = entries.get(i);
        out.append(i == 0 ? "" : ", ").append(entry.name().text());
        out.append(": ").append(entry.type().name());
      }
      out.append(entries.isEmpty() ? "}" : " }");
    } else {
      throw new AssertionError(value);
    }
  }

  private void rule(Item.Rule rule) {
    for (Name flag : rule.flags()) {
      out.append('@').append(flag.text()).append(' ');
    }
    head(rule.head());
    Expr body = rule.body();
    if (body != null) {
      int lineStart = out.lastIndexOf("\n") + 1;
      int bodyStart = out.length();
      out.append(" if ");
      expr(body);
      if (out.length() - lineStart > WIDTH && body instanceof Expr.And) {
        out.setLength(bodyStart);
        out.append(" if\n").append(INDENT);
        List<Expr> operands = ((Expr.And) body).operands();
        for (int i = 0; i < operands.size(); i++) {
          out.append(i == 0 ? "" : " and\n" + INDENT);
          grouped(operands.get(i), level(operands.get(i)) <= 2);
        }
      }
    }
    out.append(";\n");
  }

  private void head(Head head) {
    out.append(head.name());
    args(head.params());
  }

  private void declare(Item.Declare declare) {
    out.append("declare ").append(declare.predicate().text()).append('(');
    typeList(declare.types());
    out.append(");\n");
  }

  private void fixture(Item.Fixture fixture) {
    out.append("test fixture ").append(fixture.name().text()).append(" {\n");
    for (Call fact : fixture.facts()) {
      out.append(INDENT);
      call(fact);
      out.append(";\n");
    }
    out.append("}\n");
  }

  private void testBlock(Item.TestBlock test) {
    out.append("test ").append(quote(test.name().text())).append(" {\n");
    Setup setup = test.setup();
    if (setup != null) {
      setup(setup);
    }
    for (Assertion assertion : test.assertions()) {
      out.append(INDENT).append(assertion.negated() ? "assert_not " : "assert ");
      call(assertion.call());
      Expr iff = assertion.iff();
      if (iff != null) {
        out.append(" iff ");
        expr(iff);
      }
      out.append(";\n");
    }
    out.append("}\n");
  }

  private void setup(Setup setup) {
    out.append(INDENT).append("setup {\n");
    for (SetupItem item : setup.items()) {
      out.append(INDENT).append(INDENT);
      if (item instanceof SetupItem.FixtureRef) {
        out.append("fixture ").append(((SetupItem.FixtureRef) item).name().text());
      } else if (item instanceof Call) {
        call((Call) item);
      } else {
        throw new AssertionError(item);
      }
      out.append(";\n");
    }
    out.append(INDENT).append("}\n");
  }

  // ---------------------------------------------------------------- expressions

  /** Binding strength of an expression: 1 for or, 2 for and, 3 for not, 4 for the rest. */
  private static int level(Object node) {
    if (node instanceof Expr.Or || node instanceof ShExpr.Or) {
      return 1;
    }
    if (node instanceof Expr.And || node instanceof ShExpr.And) {
      return 2;
    }
    return node instanceof Expr.Not ? 3 : 4;
  }

  private void expr(Expr expr) {
    if (expr instanceof Expr.Or) {
      operands(((Expr.Or) expr).operands(), " or ", 1);
    } else if (expr instanceof Expr.And) {
      operands(((Expr.And) expr).operands(), " and ", 2);
    } else if (expr instanceof Expr.Not) {
      Expr operand = ((Expr.Not) expr).operand();
      out.append("not ");
      grouped(operand, level(operand) < 3);
    } else if (expr instanceof Expr.Unify) {
      Expr.Unify unify = (Expr.Unify) expr;
      binary(unify.left(), "=", unify.right());
    } else if (expr instanceof Expr.Compare) {
      Expr.Compare compare = (Expr.Compare) expr;
      binary(compare.left(), compare.op().symbol(), compare.right());
    } else if (expr instanceof Expr.In) {
      Expr.In in = (Expr.In) expr;
      term(in.element());
      out.append(" in [");
      terms(in.list());
      out.append(']');
    } else if (expr instanceof Expr.Matches) {
      Expr.Matches matches = (Expr.Matches) expr;
      out.append(matches.var().name()).append(matches.exact() ? " matches! " : " matches ");
      out.append(matches.type().name());
    } else if (expr instanceof Expr.BoolConst) {
      out.append(((Expr.BoolConst) expr).value());
    } else if (expr instanceof Call) {
      call((Call) expr);
    } else {
      throw new AssertionError(expr);
    }
  }

  /** Prints operands of an n-ary operator; an operand as weak as the operator gets parentheses. */
  private void operands(List<Expr> operands, String operator, int level) {
    for (int i = 0; i < operands.size(); i++) {
      out.append(i == 0 ? "" : operator);
      grouped(operands.get(i), level(operands.get(i)) <= level);
    }
  }

  private void grouped(Expr expr, boolean parenthesise) {
    out.append(parenthesise ? "(" : "");
    expr(expr);
    out.append(parenthesise ? ")" : "");
  }

  private void binary(Term left, String operator, Term right) {
    term(left);
    out.append(' ').append(operator).append(' ');
    term(right);
  }

  private void shExpr(ShExpr expr, int enclosing) {
    boolean parenthesise = enclosing > 0 && level(expr) <= enclosing;
    out.append(parenthesise ? "(" : "");
    if (expr instanceof ShExpr.Or) {
      shOperands(((ShExpr.Or) expr).operands(), " or ", 1);
    } else if (expr instanceof ShExpr.And) {
      shOperands(((ShExpr.And) expr).operands(), " and ", 2);
    } else if (expr instanceof ShExpr.On) {
      ShExpr.On on = (ShExpr.On) expr;
      shExpr(on.subject(), 0);
      out.append(" on ");
      shExpr(on.relation(), 0);
    } else if (expr instanceof ShExpr.Global) {
      out.append("global ");
      shExpr(((ShExpr.Global) expr).term(), 0);
    } else if (expr instanceof ShTerm.Str) {
      out.append(quote(((ShTerm.Str) expr).value()));
    } else if (expr instanceof ShTerm.Ident) {
      out.append(((ShTerm.Ident) expr).name());
    } else if (expr instanceof Call) {
      call((Call) expr);
    } else {
      throw new AssertionError(expr);
    }
    out.append(parenthesise ? ")" : "");
  }

  private void shOperands(List<ShExpr> operands, String operator, int level) {
    for (int i = 0; i < operands.size(); i++) {
      out.append(i == 0 ? "" : operator);
      shExpr(operands.get(i), level);
    }
  }

  // ---------------------------------------------------------------- terms

  private void call(Call call) {
    out.append(call.name());
    args(call.args());
  }

  private void args(List<Term> args) {
    out.append('(');
    terms(args);
    out.append(')');
  }

  private void terms(List<Term> terms) {
    for (int i = 0; i < terms.size(); i++) {
      out.append(i == 0 ? "" : ", ");
      term(terms.get(i));
    }
  }

  private void term(Term term) {
    if (term instanceof Term.Var) {
      out.append(((Term.Var) term).name());
    } else if (term instanceof Term.Anon) {
      out.append('_');
    } else if (term instanceof Term.Str) {
      out.append(quote(((Term.Str) term).value()));
    } else if (term instanceof Term.Int) {
      out.append(((Term.Int) term).value());
    } else if (term instanceof Term.Bool) {
      out.append(((Term.Bool) term).value());
    } else if (term instanceof Term.Entity) {
      Term.Entity entity = (Term.Entity) term;
      out.append(entity.type().name()).append('{').append(quote(entity.id())).append('}');
    } else if (term instanceof Term.Now) {
      out.append("@current_unix_time");
    } else if (term instanceof Term.Typed) {
      Term.Typed typed = (Term.Typed) term;
      out.append(typed.name()).append(": ").append(typed.type().name());
    } else {
      throw new AssertionError(term);
    }
  }
}
