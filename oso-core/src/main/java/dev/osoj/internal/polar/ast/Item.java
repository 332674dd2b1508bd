package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A top-level statement of a policy file. */
public sealed interface Item extends Node {

  /** Which kind of block declares a type. */
  enum BlockKind {
    /** {@code actor T { … }}: T is a subtype of {@code Actor}. */
    ACTOR,
    /** {@code resource T { … }}: T is a subtype of {@code Resource}. */
    RESOURCE
  }

  /**
   * {@code actor T extends S1, S2 { … }} or {@code resource T { … }}.
   *
   * @param kind actor or resource
   * @param type the declared type name
   * @param supertypes the {@code extends} list, empty when absent
   * @param members declarations and shorthand rules in source order
   * @param span where the block starts (the {@code actor}/{@code resource} keyword)
   */
  record ResourceBlock(
      BlockKind kind,
      TypeRef type,
      List<TypeRef> supertypes,
      List<BlockMember> members,
      SourceSpan span)
      implements Item {
    /** Creates a block. */
    public ResourceBlock {
      requireNonNull(kind, "kind");
      requireNonNull(type, "type");
      supertypes = List.copyOf(supertypes);
      members = List.copyOf(members);
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code global { … }}.
   *
   * @param members declarations and shorthand rules in source order
   * @param span where the block starts
   */
  record GlobalBlock(List<BlockMember> members, SourceSpan span) implements Item {
    /** Creates a global block. */
    public GlobalBlock {
      members = List.copyOf(members);
      requireNonNull(span, "span");
    }
  }

  /**
   * An ordinary rule {@code @flag head if body;}; without a body it is a bodiless rule (a policy
   * fact when ground).
   *
   * @param flags the {@code @name} rule flags before the head, usually empty; the checker rejects
   *     user-written flags
   * @param head the head
   * @param body the body, or null for a bodiless rule
   * @param span where the rule starts (first flag or head)
   */
  record Rule(List<Name> flags, Head head, @Nullable Expr body, SourceSpan span) implements Item {
    /** Creates a rule. */
    public Rule {
      flags = List.copyOf(flags);
      requireNonNull(head, "head");
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code type head;}: a rule type (§3.9).
   *
   * @param head the declared shape
   * @param span where the statement starts
   */
  record RuleType(Head head, SourceSpan span) implements Item {
    /** Creates a rule type. */
    public RuleType {
      requireNonNull(head, "head");
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code declare pred(T1, …);}: an accepted fact signature (§3.8).
   *
   * @param predicate the predicate name
   * @param types the argument types
   * @param span where the statement starts
   */
  record Declare(Name predicate, List<TypeRef> types, SourceSpan span) implements Item {
    /** Creates a declaration. */
    public Declare {
      requireNonNull(predicate, "predicate");
      types = List.copyOf(types);
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code ?= body;}: an inline query (§3.10), kept so the checker can reject it precisely.
   *
   * @param body the query
   * @param span where the statement starts
   */
  record InlineQuery(Expr body, SourceSpan span) implements Item {
    /** Creates an inline query. */
    public InlineQuery {
      requireNonNull(body, "body");
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code test fixture name { facts }}.
   *
   * @param name the fixture name
   * @param facts the ground facts (calls whose arguments are literals or entity literals)
   * @param span where the statement starts
   */
  record Fixture(Name name, List<Call> facts, SourceSpan span) implements Item {
    /** Creates a fixture. */
    public Fixture {
      requireNonNull(name, "name");
      facts = List.copyOf(facts);
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code test "name" { setup { … } assertions }}.
   *
   * @param name the test name (decoded string)
   * @param setup the setup section, or null when absent
   * @param assertions at least one assertion
   * @param span where the statement starts
   */
  record TestBlock(Name name, @Nullable Setup setup, List<Assertion> assertions, SourceSpan span)
      implements Item {
    /** Creates a test block. */
    public TestBlock {
      requireNonNull(name, "name");
      assertions = List.copyOf(assertions);
      requireNonNull(span, "span");
    }
  }
}
