package dev.osoj.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Value;
import dev.osoj.internal.program.Program;
import dev.osoj.internal.store.FactDatabase;
import dev.osoj.spi.FactChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine with and without the {@code authorize} fast path, including context facts. */
class EvaluatorEngineFastPathTest {
  private static final String POLICY =
      "actor User {}\n"
          + "resource Org {\n"
          + "  roles = [\"member\", \"admin\"];\n"
          + "  permissions = [\"read\", \"manage\"];\n"
          + "  \"member\" if \"admin\";\n"
          + "  \"read\" if \"member\";\n"
          + "  \"manage\" if \"admin\";\n"
          + "}\n"
          + "resource Repo {\n"
          + "  roles = [\"reader\"];\n"
          + "  permissions = [\"read\"];\n"
          + "  relations = { org: Org };\n"
          + "  \"reader\" if \"member\" on \"org\";\n"
          + "  \"read\" if \"reader\";\n"
          + "}\n";

  private static final List<Value> ACTORS =
      List.of(new Value("User", "ann"), new Value("User", "bob"), new Value("User", "cy"));
  private static final List<Value> RESOURCES =
      List.of(
          new Value("Org", "o1"),
          new Value("Org", "o2"),
          new Value("Repo", "r1"),
          new Value("Repo", "r2"));

  private static FactDatabase database() {
    FactDatabase db = new FactDatabase();
    List<FactChange> changes = new ArrayList<>();
    for (Fact f :
        List.of(
            Fact.of("has_role", ACTORS.get(0), Value.of("admin"), RESOURCES.get(0)),
            Fact.of("has_role", ACTORS.get(1), Value.of("member"), RESOURCES.get(1)),
            Fact.of("has_relation", RESOURCES.get(2), Value.of("org"), RESOURCES.get(0)),
            Fact.of("has_relation", RESOURCES.get(3), Value.of("org"), RESOURCES.get(1)))) {
      changes.add(new FactChange.Insert(f));
    }
    db.apply(changes);
    return db;
  }

  @Test
  void authorize_withAndWithoutFastPath_agreeOnEveryQuestion() {
    FactDatabase db = database();
    Program program = new PolarFrontEnd().compile(Map.of("p.polar", POLICY));
    EvaluatorEngine fast = new EvaluatorEngine(db);
    EvaluatorEngine solverOnly = new EvaluatorEngine(db, false);
    int allowed = 0;
    for (Value actor : ACTORS) {
      for (String action : List.of("read", "manage", "fly")) {
        for (Value resource : RESOURCES) {
          boolean a = fast.authorize(program, actor, action, resource, List.of(), 0);
          boolean b = solverOnly.authorize(program, actor, action, resource, List.of(), 0);
          assertThat(a).as("%s %s %s", actor, action, resource).isEqualTo(b);
          allowed += a ? 1 : 0;
        }
      }
    }
    // ann: read+manage o1, read r1; bob: read o2, read r2
    assertThat(allowed).isEqualTo(5);
  }

  @Test
  void authorize_contextFacts_areSeenThroughTheSolver() {
    FactDatabase db = database();
    Program program = new PolarFrontEnd().compile(Map.of("p.polar", POLICY));
    EvaluatorEngine fast = new EvaluatorEngine(db);
    Value cy = ACTORS.get(2);
    Value r1 = RESOURCES.get(2);
    assertThat(fast.authorize(program, cy, "read", r1, List.of(), 0)).isFalse();
    List<Fact> context = List.of(Fact.of("has_role", cy, Value.of("member"), RESOURCES.get(0)));
    assertThat(fast.authorize(program, cy, "read", r1, context, 0)).isTrue();
    assertThat(fast.authorize(program, cy, "read", r1, List.of(), 0)).isFalse();
  }
}
