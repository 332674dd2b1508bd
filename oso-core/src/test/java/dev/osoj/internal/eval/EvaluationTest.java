package dev.osoj.internal.eval;

import static dev.osoj.internal.eval.Programs.c;
import static dev.osoj.internal.eval.Programs.call;
import static dev.osoj.internal.eval.Programs.matches;
import static dev.osoj.internal.eval.Programs.p;
import static dev.osoj.internal.eval.Programs.roleHead;
import static dev.osoj.internal.eval.Programs.s;
import static dev.osoj.internal.eval.Programs.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Fact;
import dev.osoj.SourceSpan;
import dev.osoj.Value;
import dev.osoj.internal.program.Literal;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.program.Term;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.spi.FactChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static Value user(String id) {
    return new Value("User", id);
  }

  private static Value folder(String id) {
    return new Value("Folder", id);
  }

  /** Folders with a recursive parent relation: roles flow from parent to child. */
  private static Program folders() {
    return new Programs()
        .actor("User")
        .resource("Folder")
        .rule(
            "has_permission",
            List.of(p("actor", "Actor"), c("open"), p("resource", "Folder")),
            call("has_role", v("actor"), s("reader"), v("resource")))
        .rule(
            "has_role",
            roleHead("reader", "Folder"),
            matches("related", "Folder"),
            call("has_relation", v("resource"), s("parent"), v("related")),
            call("has_role", v("actor"), s("reader"), v("related")))
        .defaultAllow()
        .signature("has_role", "Actor", "String", "Folder")
        .signature("has_relation", "Folder", "String", "Folder")
        .build();
  }

  private static FactDatabase db(Fact... facts) {
    FactDatabase db = new FactDatabase();
    List<FactChange> changes = new ArrayList<>();
    for (Fact f : facts) {
      changes.add(new FactChange.Insert(f));
    }
    db.apply(changes);
    return db;
  }

  @Test
  void authorize_recursionOverCycle_terminates() {
    FactDatabase db =
        db(
            Fact.of("has_relation", folder("c1"), Value.of("parent"), folder("c2")),
            Fact.of("has_relation", folder("c2"), Value.of("parent"), folder("c1")),
            Fact.of("has_role", user("ivy"), Value.of("reader"), folder("c1")));
    CompiledProgram program = CompiledProgram.compile(folders(), db);

    try (Evaluation e = program.open(List.of(), 0)) {
      assertThat(e.authorize(user("ivy"), "open", folder("c2"))).isTrue();
      assertThat(e.authorize(user("ivy"), "open", folder("c3"))).isFalse();
      assertThat(e.authorize(user("bob"), "open", folder("c2"))).isFalse();
      assertThat(e.list(user("ivy"), "open", "Folder").values()).containsExactly("c1", "c2");
      assertThat(e.actions(user("ivy"), folder("c1")).values()).containsExactly("open");
    }
  }

  @Test
  void list_deepChain_findsEveryDescendant() {
    List<Fact> facts = new ArrayList<>();
    for (int i = 1; i < 50; i++) {
      facts.add(
          Fact.of("has_relation", folder("f" + i), Value.of("parent"), folder("f" + (i - 1))));
    }
    facts.add(Fact.of("has_role", user("ann"), Value.of("reader"), folder("f10")));
    CompiledProgram program = CompiledProgram.compile(folders(), db(facts.toArray(new Fact[0])));

    try (Evaluation e = program.open(List.of(), 0)) {
      assertThat(e.list(user("ann"), "open", "Folder").values()).hasSize(40);
      assertThat(e.authorize(user("ann"), "open", folder("f49"))).isTrue();
      assertThat(e.authorize(user("ann"), "open", folder("f9"))).isFalse();
    }
  }

  @Test
  void authorize_longChain_answersBothWays() {
    List<Fact> facts = new ArrayList<>();
    for (int i = 1; i < 2000; i++) {
      facts.add(
          Fact.of("has_relation", folder("f" + i), Value.of("parent"), folder("f" + (i - 1))));
    }
    facts.add(Fact.of("has_role", user("ann"), Value.of("reader"), folder("f0")));
    CompiledProgram program = CompiledProgram.compile(folders(), db(facts.toArray(new Fact[0])));

    try (Evaluation e = program.open(List.of(), 0)) {
      assertThat(e.authorize(user("ann"), "open", folder("f1999"))).isTrue();
      assertThat(e.authorize(user("bob"), "open", folder("f1999"))).isFalse();
      assertThat(e.list(user("ann"), "open", "Folder").values()).hasSize(2000);
      assertThat(
              answers(
                  e,
                  "u",
                  call("has_role", v("u"), s("reader"), Programs.e("Folder", "f300")),
                  matches("u", "User")))
          .containsExactly(List.of(user("ann")));
    }
  }

  @Test
  void authorize_contextFact_visibleToThatQuestionOnly() {
    CompiledProgram program = CompiledProgram.compile(folders(), db());
    Fact role = Fact.of("has_role", user("ivy"), Value.of("reader"), folder("x"));

    try (Evaluation e = program.open(List.of(role), 0)) {
      assertThat(e.authorize(user("ivy"), "open", folder("x"))).isTrue();
    }
    try (Evaluation e = program.open(List.of(), 0)) {
      assertThat(e.authorize(user("ivy"), "open", folder("x"))).isFalse();
    }
  }

  private static Program assets() {
    return new Programs()
        .resource("Asset")
        .resource("Dataset", "Asset")
        .rule("derived", List.of(p("x", "Asset")), call("flagged", v("x")))
        .rule(
            "clean",
            List.of(p("x", "Asset")),
            call("has", v("x")),
            new Literal.Not(call("derived", v("x")), SourceSpan.NONE))
        .signature("has", "Asset")
        .signature("flagged", "Asset")
        .build();
  }

  private static List<List<Value>> answers(Evaluation e, String var, Literal... body) {
    List<List<Value>> out = new ArrayList<>();
    e.answers(List.of(var), List.of(body)).forEach(row -> out.add(new ArrayList<>(row)));
    return out;
  }

  @Test
  void answers_negationOfDerivedPredicate_isStratified() {
    Value a = new Value("Asset", "a");
    Value d = new Value("Dataset", "d");
    FactDatabase db = db(Fact.of("has", a), Fact.of("has", d), Fact.of("flagged", d));
    CompiledProgram program = CompiledProgram.compile(assets(), db);

    try (Evaluation e = program.open(List.of(), 0)) {
      assertThat(answers(e, "x", call("clean", v("x")))).containsExactly(List.of(a));
    }
  }

  @Test
  void compile_negationThroughRecursion_isRejected() {
    Program program =
        new Programs()
            .resource("Asset")
            .rule(
                "odd",
                List.of(p("x", "Asset")),
                call("has", v("x")),
                new Literal.Not(call("odd", v("x")), SourceSpan.NONE))
            .signature("has", "Asset")
            .build();

    assertThatThrownBy(() -> CompiledProgram.compile(program, db()))
        .isInstanceOf(dev.osoj.EvaluationException.class)
        .hasMessageContaining("not stratified");
  }

  @Test
  void answers_inAndNotEqual_generateAndFilter() {
    CompiledProgram program = CompiledProgram.compile(assets(), db());
    Literal in =
        new Literal.In(
            v("x"),
            List.of(
                new Term.Const(Value.of("a")),
                new Term.Const(Value.of("b")),
                new Term.Const(Value.of("c"))),
            SourceSpan.NONE);
    Literal notB = new Literal.Compare(Literal.Op.NE, v("x"), s("b"), SourceSpan.NONE);

    try (Evaluation e = program.open(List.of(), 0)) {
      assertThat(answers(e, "x", in, notB))
          .containsExactlyInAnyOrder(List.of(Value.of("a")), List.of(Value.of("c")));
    }
  }

  @Test
  void answers_matchesAndUnify_respectExactTypes() {
    Value asset = new Value("Asset", "d");
    Value dataset = new Value("Dataset", "d");
    CompiledProgram program = CompiledProgram.compile(assets(), db(Fact.of("has", dataset)));
    Literal has = call("has", v("x"));

    try (Evaluation e = program.open(List.of(), 0)) {
      assertThat(answers(e, "x", has, matches("x", "Asset"))).containsExactly(List.of(dataset));
      assertThat(
              answers(
                  e,
                  "x",
                  has,
                  new Literal.Matches(new Term.Var("x"), "Asset", true, SourceSpan.NONE)))
          .isEmpty();
      assertThat(
              answers(
                  e, "x", has, new Literal.Unify(v("x"), new Term.Const(asset), SourceSpan.NONE)))
          .isEmpty();
      assertThat(
              answers(
                  e, "x", has, new Literal.Unify(v("x"), new Term.Const(dataset), SourceSpan.NONE)))
          .containsExactly(List.of(dataset));
    }
  }

  @Test
  void answers_typedVariableNothingBinds_isWildcard() {
    CompiledProgram program = CompiledProgram.compile(assets(), db());

    try (Evaluation e = program.open(List.of(), 0)) {
      List<List<Value>> rows = answers(e, "x", matches("x", "Asset"));

      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get(0)).isNull();
    }
  }
}
