package dev.osoj.internal.eval;

import dev.osoj.SourceSpan;
import dev.osoj.Value;
import dev.osoj.internal.program.FactSignatures;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Param;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.Rule;
import dev.osoj.internal.program.Term;
import dev.osoj.internal.program.TypeHierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-built programs for evaluator tests, in the shape the front end produces. */
final class Programs {
  private final Map<String, List<String>> types = new LinkedHashMap<>();
  private final List<Rule> rules = new ArrayList<>();
  private final Map<String, Set<List<String>>> signatures = new LinkedHashMap<>();

  Programs actor(String name, String... supertypes) {
    List<String> sup = new ArrayList<>(List.of(TypeHierarchy.ACTOR));
    sup.addAll(Arrays.asList(supertypes));
    types.put(name, sup);
    return this;
  }

  Programs resource(String name, String... supertypes) {
    List<String> sup = new ArrayList<>(List.of(TypeHierarchy.RESOURCE));
    sup.addAll(Arrays.asList(supertypes));
    types.put(name, sup);
    return this;
  }

  Programs rule(String predicate, List<Param> head, Literal... body) {
    rules.add(new Rule(predicate, head, List.of(body), SourceSpan.NONE, predicate));
    return this;
  }

  Programs signature(String predicate, String... types) {
    signatures.computeIfAbsent(predicate, k -> new LinkedHashSet<>()).add(List.of(types));
    return this;
  }

  /** Adds the default {@code allow(a, b, c) if has_permission(a, b, c)}. */
  Programs defaultAllow() {
    return rule(
        "allow",
        List.of(p("actor"), p("action"), p("resource")),
        call("has_permission", v("actor"), v("action"), v("resource")));
  }

  Program build() {
    return new Program(
        rules,
        new TypeHierarchy(types),
        Map.of(),
        null,
        new FactSignatures(signatures),
        List.of(),
        List.of());
  }

  static Param p(String var) {
    return new Param(new Term.Var(var), null);
  }

  static Param p(String var, String type) {
    return new Param(new Term.Var(var), type);
  }

  static Param c(String s) {
    return new Param(new Term.Const(Value.of(s)), null);
  }

  static Term v(String name) {
    return new Term.Var(name);
  }

  static Term s(String text) {
    return new Term.Const(Value.of(text));
  }

  static Term e(String type, String id) {
    return new Term.Const(new Value(type, id));
  }

  static Literal.Call call(String predicate, Term... args) {
    return new Literal.Call(predicate, List.of(args), SourceSpan.NONE);
  }

  static Literal not(String predicate, Term... args) {
    return new Literal.Not(call(predicate, args), SourceSpan.NONE);
  }

  static Literal matches(String var, String type) {
    return new Literal.Matches(new Term.Var(var), type, false, SourceSpan.NONE);
  }

  static Literal gt(Term left, Term right) {
    return new Literal.Compare(Literal.Op.GT, left, right, SourceSpan.NONE);
  }

  /** {@code has_role(actor: Actor, role, resource: T) if body}. */
  static List<Param> roleHead(String role, String type) {
    return List.of(p("actor", "Actor"), c(role), p("resource", type));
  }
}
