package dev.osoj;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recursion deeper than a default thread stack, where each level is a nested sub-question: a chain
 * of folders {@value #DEPTH} long for permissions inherited from the root, and a chain of nodes
 * {@value #NODE_DEPTH} long for an {@code ancestor} rule asked with either end bound (without the
 * retry on a large stack, a chain of 1,000 nodes already overflowed; the evaluator's cost on that
 * shape grows with the square of the depth, which keeps this chain shorter).
 */
class DeepRecursionTest {
  static final int DEPTH = 20_000;
  static final int NODE_DEPTH = 2_000;
  static final String POLICY =
      """
      actor User {}
      resource Folder {
        roles = ["viewer"];
        permissions = ["read"];
        relations = { parent: Folder };
        "viewer" if "viewer" on "parent";
        "read" if "viewer";
      }
      resource Node {}
      ancestor(x: Node, y: Node) if has_relation(x, "parent", y);
      ancestor(x: Node, y: Node) if has_relation(x, "parent", z) and ancestor(z, y);
      """;

  static Oso oso;

  @BeforeAll
  static void chain() {
    oso = Oso.embedded().policy(POLICY).build();
    oso.batch(
        tx -> {
          for (int i = 1; i < DEPTH; i++) {
            tx.insert(Fact.of("has_relation", folder(i), Value.of("parent"), folder(i - 1)));
          }
          tx.insert(Fact.of("has_role", new Value("User", "u"), Value.of("viewer"), folder(0)));
          for (int i = 1; i < NODE_DEPTH; i++) {
            tx.insert(Fact.of("has_relation", node(i), Value.of("parent"), node(i - 1)));
          }
        });
  }

  @AfterAll
  static void close() {
    oso.close();
  }

  private static Value folder(int i) {
    return new Value("Folder", "f" + i);
  }

  private static Value node(int i) {
    return new Value("Node", "n" + i);
  }

  @Test
  void ancestorsOfTheDeepestNode_areEveryOtherNode() {
    TypedVar f = new TypedVar("Node");
    List<String> ancestors =
        oso.buildQuery("ancestor", node(NODE_DEPTH - 1), f).evaluate(EvaluateArgs.values(f));

    assertThat(ancestors).hasSize(NODE_DEPTH - 1).contains("n0", "n" + (NODE_DEPTH - 2));
  }

  @Test
  void descendantsOfTheRoot_areEveryOtherNode() {
    TypedVar f = new TypedVar("Node");
    List<String> descendants =
        oso.buildQuery("ancestor", f, node(0)).evaluate(EvaluateArgs.values(f));

    assertThat(descendants).hasSize(NODE_DEPTH - 1);
  }

  @Test
  void whoMayReadTheDeepestFolder_isFoundThroughTheWholeChain() {
    TypedVar u = new TypedVar("User");
    List<String> readers =
        oso.buildQuery("allow", u, "read", folder(DEPTH - 1)).evaluate(EvaluateArgs.values(u));

    assertThat(readers).containsExactly("u");
    assertThat(oso.authorize(new Value("User", "u"), "read", folder(DEPTH - 1))).isTrue();
    assertThat(oso.authorize(new Value("User", "v"), "read", folder(DEPTH - 1))).isFalse();
  }

  @Test
  void deepQuestion_withContextFact_seesItOnTheRetryToo() {
    Fact extra = Fact.of("has_relation", node(0), Value.of("parent"), node(-1));
    TypedVar f = new TypedVar("Node");
    List<String> ancestors =
        oso.buildQuery("ancestor", node(NODE_DEPTH - 1), f)
            .withContextFacts(List.of(extra))
            .evaluate(EvaluateArgs.values(f));

    assertThat(ancestors).hasSize(NODE_DEPTH).contains("n-1");
  }
}
