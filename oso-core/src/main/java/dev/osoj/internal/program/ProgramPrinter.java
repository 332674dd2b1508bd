package dev.osoj.internal.program;

import dev.osoj.Value;
import java.util.List;
import java.util.StringJoiner;

/**
 * Prints compiled rules, literals and terms back as Polar text, one rule per line. Used by tests of
 * the rewriting and by diagnostics that show a generated rule.
 *
 * <p>The output is valid Polar for every rule the front end produces: strings are quoted with
 * backslash escapes, entities are written {@code Type{"id"}} and the current time {@code
 * @current_unix_time}. Stateless and thread-safe.
 */
public final class ProgramPrinter {
  private ProgramPrinter() {}

  /**
   * Prints every rule of a program, one per line, in program order.
   *
   * @param program the program
   * @return the rules, each ending with {@code ;} and a line break
   */
  public static String print(Program program) {
    return print(program.rules());
  }

  /**
   * Prints rules, one per line.
   *
   * @param rules the rules
   * @return the rules, each ending with {@code ;} and a line break
   */
  public static String print(List<Rule> rules) {
    StringBuilder out = new StringBuilder();
    for (Rule rule : rules) {
      out.append(rule(rule)).append('\n');
    }
    return out.toString();
  }

  /**
   * Prints one rule, such as {@code has_role(actor: Actor, "viewer", resource: Project) if
   * has_role(actor, "maintainer", resource);}.
   *
   * @param rule the rule
   * @return the rule on one line, ending with {@code ;}
   */
  public static String rule(Rule rule) {
    StringJoiner head = new StringJoiner(", ", rule.predicate() + "(", ")");
    for (Param param : rule.head()) {
      head.add(param(param));
    }
    if (rule.body().isEmpty()) {
      return head + ";";
    }
    return head + " if " + conjunction(rule.body()) + ";";
  }

  /**
   * Prints a head parameter: {@code x: T}, or the bare term.
   *
   * @param param the parameter
   * @return the text
   */
  public static String param(Param param) {
    String type = param.type();
    return type == null ? term(param.term()) : term(param.term()) + ": " + type;
  }

  /**
   * Prints a conjunction of literals joined by {@code and}; {@code true} when empty.
   *
   * @param literals the literals
   * @return the text
   */
  public static String conjunction(List<Literal> literals) {
    if (literals.isEmpty()) {
      return "true";
    }
    StringJoiner out = new StringJoiner(" and ");
    for (Literal literal : literals) {
      out.add(literal(literal));
    }
    return out.toString();
  }

  /**
   * Prints one body literal.
   *
   * @param literal the literal
   * @return the text
   */
  public static String literal(Literal literal) {
    if (literal instanceof Literal.Call) {
      return call((Literal.Call) literal);
    } else if (literal instanceof Literal.Not) {
      return "not " + call(((Literal.Not) literal).call());
    } else if (literal instanceof Literal.Unify) {
      Literal.Unify u = (Literal.Unify) literal;
      return term(u.left()) + " = " + term(u.right());
    } else if (literal instanceof Literal.Compare) {
      Literal.Compare c = (Literal.Compare) literal;
      return term(c.left()) + " " + c.op().symbol() + " " + term(c.right());
    } else if (literal instanceof Literal.In) {
      Literal.In in = (Literal.In) literal;
      StringJoiner list = new StringJoiner(", ", "[", "]");
      in.values().forEach(v -> list.add(term(v)));
      return term(in.term()) + " in " + list;
    } else if (literal instanceof Literal.Matches) {
      Literal.Matches m = (Literal.Matches) literal;
      return term(m.var()) + (m.exact() ? " matches! " : " matches ") + m.type();
    }
    throw new AssertionError("unknown literal " + literal);
  }

  /**
   * Prints a call {@code p(a, b)}.
   *
   * @param call the call
   * @return the text
   */
  public static String call(Literal.Call call) {
    StringJoiner out = new StringJoiner(", ", call.predicate() + "(", ")");
    for (Term arg : call.args()) {
      out.add(term(arg));
    }
    return out.toString();
  }

  /**
   * Prints a term: a variable name, a literal, an entity or {@code @current_unix_time}.
   *
   * @param term the term
   * @return the text
   */
  public static String term(Term term) {
    if (term instanceof Term.Var) {
      return ((Term.Var) term).name();
    } else if (term instanceof Term.Const) {
      return value(((Term.Const) term).value());
    } else if (term instanceof Term.Now) {
      return "@current_unix_time";
    }
    throw new AssertionError("unknown term " + term);
  }

  /**
   * Prints a value as a Polar literal: {@code "s"}, {@code 42}, {@code true} or {@code Type{"id"}}.
   *
   * @param value the value
   * @return the text
   */
  public static String value(Value value) {
    switch (value.type()) {
      case Value.STRING:
        return quote(value.id());
      case Value.INTEGER:
      case Value.BOOLEAN:
        return value.id();
      default:
        return value.type() + "{" + quote(value.id()) + "}";
    }
  }

  /**
   * Quotes a string as a Polar string literal, escaping quotes, backslashes and control characters.
   *
   * @param text the raw text
   * @return the literal, with its double quotes
   */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\0':
          out.append("\\0");
          break;
        default:
          out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
