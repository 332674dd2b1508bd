package dev.osoj.internal.polar;

import dev.osoj.SourceSpan;
import dev.osoj.Value;
import dev.osoj.internal.polar.Declarations.Decls;
import dev.osoj.internal.polar.Declarations.Kind;
import dev.osoj.internal.polar.ast.BlockMember;
import dev.osoj.internal.polar.ast.Call;
import dev.osoj.internal.polar.ast.Item;
import dev.osoj.internal.polar.ast.ShExpr;
import dev.osoj.internal.polar.ast.ShTerm;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import dev.osoj.internal.program.TypeHierarchy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites the shorthand rules of {@code actor}, {@code resource} and {@code global} blocks into
 * ordinary rules exactly as polar.md §4 prescribes.
 *
 * <ul>
 *   <li>Heads: a role {@code "h"} of block {@code T} gives {@code has_role(actor: Actor, "h",
 *       resource: T)}, a permission {@code has_permission(…)}; in the global block the 2-ary forms.
 *       A head naming a relation is {@code InvalidShorthandHead} ([choice]).
 *   <li>Bodies follow the table of §4.2; {@code or} splits into one rule per disjunct, {@code and}
 *       concatenates. Every {@code on} gets a fresh variable, named {@code related}, {@code
 *       related2}, … in order of appearance within the generated rule.
 *   <li>{@code "x" on resource} means {@code "x"} ([choice] §10 item 5). A bare relation {@code
 *       "x"} must target a subtype of {@code Actor}, else {@code TypeError} ([choice]).
 *   <li>Variable forms (§4.6): {@code role} ranges over roles, {@code permission} over permissions.
 *       A head variable ranges over the head block's declarations of its kind; a body-only variable
 *       over the declarations of the block where its first occurrence is resolved (for {@code role
 *       on "rel"} the relation's target type). One rule is generated per value; an instance whose
 *       body does not resolve (the related type lacks that name, or declares it with another kind)
 *       is dropped, and if every instance is dropped the errors of the first are reported.
 *   <li>Call arguments may be {@code actor}, {@code resource}, {@code _} or literals ([choice]
 *       §3.3); inside {@code global} there is no {@code resource} and no {@code on}.
 * </ul>
 *
 * <p>Blocks create no facts (§4.8). Inherited shorthand rules are not copied: a rule written in
 * {@code Super} has {@code resource: Super}, which a {@code Sub} value satisfies (§4.7).
 */
final class BlockRewriter {
  private static final Term.Var ACTOR = new Term.Var("actor");
  private static final Term.Var RESOURCE = new Term.Var("resource");
  private static final String RELATED = "related#";

  private final Declarations declarations;
  private final Diagnostics diagnostics;
  private final Terms terms;

  BlockRewriter(Declarations declarations, Diagnostics diagnostics, Terms terms) {
    this.declarations = declarations;
    this.diagnostics = diagnostics;
    this.terms = terms;
  }

  /** The block a shorthand rule is written in. */
  private static final class Ctx {
    final Decls decls;
    final boolean global;
    final String where;
    final TypeHierarchy types;

    Ctx(Decls decls, boolean global, String where, TypeHierarchy types) {
      this.decls = decls;
      this.global = global;
      this.where = where;
      this.types = types;
    }

    String name() {
      return global ? "the global block" : "'" + decls.type + "'";
    }
  }

  /** A {@code role} or {@code permission} variable with the values it ranges over. */
  private static final class Variable {
    final Kind kind;
    final List<String> domain;
    final String domainOwner;

    Variable(Kind kind, List<String> domain, String domainOwner) {
      this.kind = kind;
      this.domain = domain;
      this.domainOwner = domainOwner;
    }
  }

  /** Rewrites the shorthand rules of a resource or actor block. */
  List<Rule> rewrite(Item.ResourceBlock block) {
    Decls decls = declarations.of(block.type().name());
    if (decls == null || declarations.block(block.type().name()) != block) {
      return List.of();
    }
    String kind = block.kind() == Item.BlockKind.ACTOR ? "actor " : "resource ";
    Ctx ctx = new Ctx(decls, false, "in " + kind + decls.type, declarations.declaredHierarchy());
    return rewriteMembers(block.members(), ctx);
  }

  /** Rewrites the shorthand rules of the global block. */
  List<Rule> rewriteGlobal(Item.GlobalBlock block) {
    Decls decls = declarations.global();
    if (decls == null || declarations.globalBlock() != block) {
      return List.of();
    }
    return rewriteMembers(
        block.members(), new Ctx(decls, true, "in global", declarations.declaredHierarchy()));
  }

  private List<Rule> rewriteMembers(List<BlockMember> members, Ctx ctx) {
    List<Rule> out = new ArrayList<>();
    for (BlockMember member : members) {
      if (member instanceof BlockMember.ShorthandRule) {
        out.addAll(shorthand((BlockMember.ShorthandRule) member, ctx));
      }
    }
    return out;
  }

  private List<Rule> shorthand(BlockMember.ShorthandRule rule, Ctx ctx) {
    String origin = AstText.sh(rule.head()) + " if " + AstText.sh(rule.body()) + " " + ctx.where;
    Map<String, Variable> variables = new LinkedHashMap<>();
    if (!headVariable(rule.head(), ctx, variables)) {
      return List.of();
    }
    bodyVariables(rule.body(), ctx, variables);
    List<Map<String, String>> assignments = assignments(variables);
    if (assignments.isEmpty()) {
      reportEmptyDomain(rule, variables);
      return List.of();
    }
    List<Rule> out = new ArrayList<>();
    Diagnostics firstFailure = null;
    for (Map<String, String> assignment : assignments) {
      Diagnostics scratch = new Diagnostics();
      List<Rule> rules = instance(rule, ctx, assignment, origin, variables, scratch);
      if (scratch.hasErrors()) {
        firstFailure = firstFailure == null ? scratch : firstFailure;
      } else {
        out.addAll(rules);
        diagnostics.addAll(scratch);
      }
    }
    if (out.isEmpty() && firstFailure != null) {
      diagnostics.addAll(firstFailure);
    }
    return out;
  }

  private boolean headVariable(ShTerm head, Ctx ctx, Map<String, Variable> variables) {
    if (head instanceof ShTerm.Str) {
      return true;
    }
    String name = ((ShTerm.Ident) head).name();
    Kind kind = variableKind(name);
    if (kind == null) {
      diagnostics.error(
          "InvalidShorthandHead",
          head.span(),
          "'"
              + name
              + "' is not a valid shorthand head; expected a quoted role or permission of "
              + ctx.name()
              + ", 'role' or 'permission'");
      return false;
    }
    variables.put(name, new Variable(kind, ctx.decls.names(kind), ctx.name()));
    return true;
  }

  private static @Nullable Kind variableKind(String name) {
    if (name.equals("role")) {
      return Kind.ROLE;
    }
    return name.equals("permission") ? Kind.PERMISSION : null;
  }

  private void bodyVariables(ShExpr body, Ctx ctx, Map<String, Variable> variables) {
    if (body instanceof ShTerm.Ident) {
      addBodyVariable(((ShTerm.Ident) body).name(), ctx.decls, ctx.name(), variables);
    } else if (body instanceof ShExpr.On) {
      ShExpr.On on = (ShExpr.On) body;
      if (on.subject() instanceof ShTerm.Ident) {
        String name = ((ShTerm.Ident) on.subject()).name();
        Decls target = relatedDecls(on.relation(), ctx);
        if (target == null) {
          addBodyVariable(name, ctx.decls, ctx.name(), variables);
        } else {
          addBodyVariable(name, target, "'" + target.type + "'", variables);
        }
      }
    } else if (body instanceof ShExpr.And) {
      ((ShExpr.And) body).operands().forEach(e -> bodyVariables(e, ctx, variables));
    } else if (body instanceof ShExpr.Or) {
      ((ShExpr.Or) body).operands().forEach(e -> bodyVariables(e, ctx, variables));
    }
  }

  private static void addBodyVariable(
      String name, Decls owner, String ownerName, Map<String, Variable> variables) {
    Kind kind = variableKind(name);
    if (kind != null && !variables.containsKey(name)) {
      variables.put(name, new Variable(kind, owner.names(kind), ownerName));
    }
  }

  private @Nullable Decls relatedDecls(ShTerm relation, Ctx ctx) {
    if (ctx.global) {
      return null;
    }
    if (relation instanceof ShTerm.Ident && ((ShTerm.Ident) relation).name().equals("resource")) {
      return ctx.decls;
    }
    if (!(relation instanceof ShTerm.Str)) {
      return null;
    }
    String target = ctx.decls.relations.get(((ShTerm.Str) relation).value());
    return target == null ? null : declarations.of(target);
  }

  private static List<Map<String, String>> assignments(Map<String, Variable> variables) {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(new HashMap<>());
    for (Map.Entry<String, Variable> v : variables.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : out) {
        for (String value : v.getValue().domain) {
          Map<String, String> extended = new HashMap<>(partial);
          extended.put(v.getKey(), value);
          next.add(extended);
        }
      }
      out = next;
    }
    return out;
  }

  private void reportEmptyDomain(BlockMember.ShorthandRule rule, Map<String, Variable> variables) {
    variables.forEach(
        (name, v) -> {
          if (v.domain.isEmpty()) {
            diagnostics.error(
                "UndeclaredTerm",
                rule.span(),
                "'"
                    + name
                    + "' ranges over the "
                    + v.kind.word()
                    + "s of "
                    + v.domainOwner
                    + ", which declares none");
          }
        });
  }

  private List<Rule> instance(
      BlockMember.ShorthandRule rule,
      Ctx ctx,
      Map<String, String> assignment,
      String origin,
      Map<String, Variable> variables,
      Diagnostics sink) {
    String head;
    Kind headKind;
    if (rule.head() instanceof ShTerm.Ident) {
      String name = ((ShTerm.Ident) rule.head()).name();
      head = assignment.get(name);
      headKind = variables.get(name).kind;
    } else {
      head = ((ShTerm.Str) rule.head()).value();
      headKind = headKind(head, rule.head().span(), ctx, sink);
    }
    List<List<Literal>> body =
        new Translation(ctx, assignment, variables, sink).translate(rule.body());
    if (headKind == null || sink.hasErrors()) {
      return List.of();
    }
    List<Param> params = new ArrayList<>();
    params.add(new Param(ACTOR, TypeHierarchy.ACTOR));
    params.add(new Param(new Term.Const(Value.of(head)), null));
    if (!ctx.global) {
      params.add(new Param(RESOURCE, ctx.decls.type));
    }
    String predicate = headKind == Kind.ROLE ? "has_role" : "has_permission";
    List<Rule> out = new ArrayList<>();
    for (List<Literal> conjunction : body) {
      out.add(new Rule(predicate, params, renameRelated(conjunction), rule.span(), origin));
    }
    return out;
  }

  private static @Nullable Kind headKind(String head, SourceSpan span, Ctx ctx, Diagnostics sink) {
    Kind kind = ctx.decls.kindOf(head);
    if (kind == null) {
      sink.error(
          "UndeclaredTerm",
          span,
          "'"
              + head
              + "' is not a "
              + kinds(ctx)
              + " of "
              + ctx.name()
              + Hints.suffix(head, ctx.decls.kinds.keySet()));
      return null;
    }
    if (kind == Kind.RELATION) {
      sink.error(
          "InvalidShorthandHead",
          span,
          "'"
              + head
              + "' is a relation of "
              + ctx.name()
              + "; a shorthand head must be a role or permission");
      return null;
    }
    return kind;
  }

  private static String kinds(Ctx ctx) {
    return ctx.global ? "role or permission" : "role, permission or relation";
  }

  private static List<Literal> renameRelated(List<Literal> conjunction) {
    Map<String, Term.Var> names = new HashMap<>();
    List<Literal> out = new ArrayList<>();
    for (Literal literal : conjunction) {
      out.add(rename(literal, names));
    }
    return out;
  }

  private static Literal rename(Literal literal, Map<String, Term.Var> names) {
    if (literal instanceof Literal.Call) {
      Literal.Call call = (Literal.Call) literal;
      List<Term> args = new ArrayList<>();
      for (Term arg : call.args()) {
        args.add(arg instanceof Term.Var ? renameVar((Term.Var) arg, names) : arg);
      }
      return new Literal.Call(call.predicate(), args, call.span());
    } else if (literal instanceof Literal.Matches) {
      Literal.Matches m = (Literal.Matches) literal;
      return new Literal.Matches(renameVar(m.var(), names), m.type(), m.exact(), m.span());
    }
    return literal;
  }

  private static Term.Var renameVar(Term.Var var, Map<String, Term.Var> names) {
    if (!var.name().startsWith(RELATED)) {
      return var;
    }
    return names.computeIfAbsent(
        var.name(),
        n -> new Term.Var(names.isEmpty() ? "related" : "related" + (names.size() + 1)));
  }

  /** Translation of one shorthand body under one variable assignment (§4.2). */
  private final class Translation {
    private final Ctx ctx;
    private final Map<String, String> assignment;
    private final Map<String, Variable> variables;
    private final Diagnostics sink;
    private int related;
    private int anonymous;

    Translation(
        Ctx ctx,
        Map<String, String> assignment,
        Map<String, Variable> variables,
        Diagnostics sink) {
      this.ctx = ctx;
      this.assignment = assignment;
      this.variables = variables;
      this.sink = sink;
    }

    List<List<Literal>> translate(ShExpr expr) {
      if (expr instanceof ShTerm) {
        return single(bare((ShTerm) expr));
      } else if (expr instanceof ShExpr.On) {
        return single(on((ShExpr.On) expr));
      } else if (expr instanceof ShExpr.Global) {
        return single(global((ShExpr.Global) expr));
      } else if (expr instanceof Call) {
        return single(List.of(call((Call) expr)));
      } else if (expr instanceof ShExpr.And) {
        List<List<Literal>> out = List.of(List.of());
        for (ShExpr operand : ((ShExpr.And) expr).operands()) {
          out = Dnf.product(out, translate(operand));
        }
        return out;
      } else if (expr instanceof ShExpr.Or) {
        List<List<Literal>> out = new ArrayList<>();
        for (ShExpr operand : ((ShExpr.Or) expr).operands()) {
          out.addAll(translate(operand));
        }
        return out;
      }
      throw new AssertionError("unknown shorthand expression " + expr);
    }

    private List<List<Literal>> single(List<Literal> conjunction) {
      List<List<Literal>> out = new ArrayList<>();
      out.add(conjunction);
      return out;
    }

    private List<Literal> bare(ShTerm term) {
      if (term instanceof ShTerm.Str) {
        return resolve(((ShTerm.Str) term).value(), null, ctx.decls, null, term.span());
      }
      String name = ((ShTerm.Ident) term).name();
      Variable v = variables.get(name);
      if (v == null) {
        reportIdentifier(name, term.span());
        return List.of();
      }
      return resolve(assignment.get(name), v.kind, ctx.decls, null, term.span());
    }

    private void reportIdentifier(String name, SourceSpan span) {
      String message =
          name.equals("actor") || name.equals("resource")
              ? "'" + name + "' cannot stand alone in a shorthand body; pass it to a call"
              : "unknown identifier '"
                  + name
                  + "' in a shorthand body; expected a quoted role, permission or relation,"
                  + " 'role' or 'permission'";
      sink.error("UndeclaredTerm", span, message);
    }

    /**
     * Resolves a name in a block: {@code related} is null for the block itself, otherwise the
     * variable standing for the related resource.
     */
    private List<Literal> resolve(
        String name,
        @Nullable Kind expected,
        Decls in,
        Term.@Nullable Var relatedVar,
        SourceSpan span) {
      Kind kind = in.kindOf(name);
      if (kind == null || (expected != null && kind != expected)) {
        undeclared(name, expected, in, relatedVar != null, span);
        return List.of();
      }
      Term.Var subject = relatedVar == null ? RESOURCE : relatedVar;
      Term.Const value = new Term.Const(Value.of(name));
      if (kind == Kind.RELATION) {
        return relation(name, in, subject, value, relatedVar == null, span);
      }
      String predicate = kind == Kind.ROLE ? "has_role" : "has_permission";
      List<Term> args = ctx.global ? List.of(ACTOR, value) : List.of(ACTOR, value, subject);
      return List.of(new Literal.Call(predicate, args, span));
    }

    private List<Literal> relation(
        String name,
        Decls in,
        Term.Var subject,
        Term.Const value,
        boolean checkActor,
        SourceSpan span) {
      String target = in.relations.get(name);
      if (checkActor && target != null && !ctx.types.isSubtype(target, TypeHierarchy.ACTOR)) {
        sink.error(
            "TypeError",
            span,
            "relation '"
                + name
                + "' of '"
                + in.type
                + "' targets non-actor type '"
                + target
                + "'; use '\"<role>\" on \""
                + name
                + "\"'");
        return List.of();
      }
      return List.of(new Literal.Call("has_relation", List.of(subject, value, ACTOR), span));
    }

    private void undeclared(
        String name, @Nullable Kind expected, Decls in, boolean related, SourceSpan span) {
      String what = expected != null ? expected.word() : kinds(ctx);
      String owner = ctx.global && !related ? "the global block" : "'" + in.type + "'";
      sink.error(
          "UndeclaredTerm",
          span,
          "'"
              + name
              + "' is not a "
              + what
              + " of "
              + owner
              + Hints.suffix(name, in.kinds.keySet()));
    }

    private List<Literal> on(ShExpr.On on) {
      if (ctx.global) {
        sink.error(
            "UnknownRelation", on.span(), "the global block has no relations; 'on' is not allowed");
        return List.of();
      }
      ShTerm relation = on.relation();
      if (relation instanceof ShTerm.Ident) {
        if (((ShTerm.Ident) relation).name().equals("resource")) {
          return bare(on.subject());
        }
        sink.error(
            "UnknownRelation",
            relation.span(),
            "expected a quoted relation name or 'resource' after 'on', found '"
                + ((ShTerm.Ident) relation).name()
                + "'");
        return List.of();
      }
      String rel = ((ShTerm.Str) relation).value();
      String target = ctx.decls.relations.get(rel);
      if (target == null) {
        sink.error(
            "UnknownRelation",
            relation.span(),
            "'"
                + ctx.decls.type
                + "' has no relation '"
                + rel
                + "'"
                + Hints.suffix(rel, ctx.decls.relations.keySet()));
        return List.of();
      }
      return related(on, rel, target);
    }

    /** Translates {@code subject on "rel"} once the relation resolved to {@code target}. */
    private List<Literal> related(ShExpr.On on, String rel, String target) {
      Decls targetDecls = declarations.of(target);
      if (targetDecls == null) {
        targetDecls = new Decls(target, false, on.span());
      }
      Term.Var relatedVar = new Term.Var(RELATED + (++related));
      List<Literal> tail = subjectOn(on.subject(), targetDecls, relatedVar);
      if (tail.isEmpty()) {
        return List.of();
      }
      List<Literal> out = new ArrayList<>();
      out.add(new Literal.Matches(relatedVar, target, false, on.span()));
      out.add(
          new Literal.Call(
              "has_relation",
              List.of(RESOURCE, new Term.Const(Value.of(rel)), relatedVar),
              on.span()));
      out.addAll(tail);
      return out;
    }

    private List<Literal> subjectOn(ShTerm subject, Decls target, Term.Var relatedVar) {
      if (subject instanceof ShTerm.Str) {
        return resolve(((ShTerm.Str) subject).value(), null, target, relatedVar, subject.span());
      }
      String name = ((ShTerm.Ident) subject).name();
      Variable v = variables.get(name);
      if (v == null) {
        reportIdentifier(name, subject.span());
        return List.of();
      }
      return resolve(assignment.get(name), v.kind, target, relatedVar, subject.span());
    }

    private List<Literal> global(ShExpr.Global g) {
      if (!(g.term() instanceof ShTerm.Str)) {
        sink.error(
            "UnknownGlobal",
            g.term().span(),
            "expected a quoted global role or permission after 'global', found '"
                + AstText.sh(g.term())
                + "'");
        return List.of();
      }
      String name = ((ShTerm.Str) g.term()).value();
      Decls global = declarations.global();
      if (global == null) {
        sink.error(
            "UnknownGlobal",
            g.term().span(),
            "'" + name + "' is not a global role or permission: the policy has no global block");
        return List.of();
      }
      Kind kind = global.kindOf(name);
      if (kind == null) {
        sink.error(
            "UnknownGlobal",
            g.term().span(),
            "'"
                + name
                + "' is not a role or permission of the global block"
                + Hints.suffix(name, global.kinds.keySet()));
        return List.of();
      }
      String predicate = kind == Kind.ROLE ? "has_role" : "has_permission";
      return List.of(
          new Literal.Call(predicate, List.of(ACTOR, new Term.Const(Value.of(name))), g.span()));
    }

    private Literal call(Call call) {
      List<Term> args = new ArrayList<>();
      for (dev.osoj.internal.polar.ast.Term arg : call.args()) {
        Term t = argument(arg);
        if (t != null) {
          args.add(t);
        }
      }
      return new Literal.Call(call.name(), args, call.span());
    }

    private @Nullable Term argument(dev.osoj.internal.polar.ast.Term arg) {
      if (arg instanceof dev.osoj.internal.polar.ast.Term.Anon) {
        return new Term.Var("_" + (++anonymous));
      } else if (arg instanceof dev.osoj.internal.polar.ast.Term.Now) {
        return new Term.Now();
      } else if (Terms.isConstant(arg)) {
        Value v = terms.constant(arg);
        return v == null ? null : new Term.Const(v);
      } else if (arg instanceof dev.osoj.internal.polar.ast.Term.Var) {
        String name = ((dev.osoj.internal.polar.ast.Term.Var) arg).name();
        if (name.equals("actor") || (name.equals("resource") && !ctx.global)) {
          return name.equals("actor") ? ACTOR : RESOURCE;
        }
        String allowed = ctx.global ? "'actor' or '_'" : "'actor', 'resource' or '_'";
        sink.error(
            "UnsafeVariable",
            arg.span(),
            "variable '" + name + "' is not available in a shorthand rule; use " + allowed);
        return null;
      }
      sink.error(
          "UnsupportedSyntax",
          arg.span(),
          "'" + AstText.term(arg) + "' cannot be an argument of a shorthand call");
      return null;
    }
  }
}
