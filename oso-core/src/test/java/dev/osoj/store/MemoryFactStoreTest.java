package dev.osoj.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.Value;
import dev.osoj.ValuePattern;
import dev.osoj.spi.FactChange;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryFactStoreTest {
  private static Fact role(String user, String role, String org) {
    return Fact.of("has_role", new Value("User", user), Value.of(role), new Value("Org", org));
  }

  private static FactPattern any3(String predicate) {
    return FactPattern.of(predicate, ValuePattern.ANY, ValuePattern.ANY, ValuePattern.ANY);
  }

  private static void insert(MemoryFactStore store, Fact... facts) {
    List<FactChange> changes = new ArrayList<>();
    for (Fact f : facts) {
      changes.add(new FactChange.Insert(f));
    }
    store.apply(changes);
  }

  @Test
  void apply_duplicateInsert_storedOnce() {
    MemoryFactStore store = new MemoryFactStore();

    insert(store, role("a", "admin", "o"), role("a", "admin", "o"));

    assertThat(store.size()).isEqualTo(1);
    assertThat(store.get(any3("has_role"))).containsExactly(role("a", "admin", "o"));
  }

  @Test
  void get_patterns_matchExactTypedAndAny() {
    MemoryFactStore store = new MemoryFactStore();
    insert(
        store,
        role("a", "admin", "o1"),
        role("a", "member", "o2"),
        role("b", "member", "o1"),
        Fact.of("has_role", new Value("User", "c"), Value.of("member"), new Value("Team", "t")));

    List<Fact> byUser =
        store.get(
            FactPattern.of(
                "has_role",
                ValuePattern.exact(new Value("User", "a")),
                ValuePattern.ANY,
                ValuePattern.ANY));
    List<Fact> byType =
        store.get(
            FactPattern.of(
                "has_role", ValuePattern.ANY, ValuePattern.ANY, ValuePattern.ofType("Team")));
    List<Fact> unknown =
        store.get(
            FactPattern.of(
                "has_role",
                ValuePattern.exact(new Value("User", "nobody")),
                ValuePattern.ANY,
                ValuePattern.ANY));

    assertThat(byUser)
        .containsExactlyInAnyOrder(role("a", "admin", "o1"), role("a", "member", "o2"));
    assertThat(byType).hasSize(1);
    assertThat(unknown).isEmpty();
    assertThat(store.get(FactPattern.of("has_role", ValuePattern.ANY))).isEmpty();
  }

  @Test
  void apply_manyDeletes_compactsAndKeepsTheRest() {
    MemoryFactStore store = new MemoryFactStore();
    List<FactChange> inserts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      inserts.add(new FactChange.Insert(role("u" + i, i % 2 == 0 ? "even" : "odd", "o" + i % 7)));
    }
    store.apply(inserts);

    store.apply(
        List.of(
            new FactChange.Delete(
                FactPattern.of(
                    "has_role",
                    ValuePattern.ANY,
                    ValuePattern.exact(Value.of("even")),
                    ValuePattern.ANY))));
    store.apply(
        List.of(
            new FactChange.Delete(
                FactPattern.of(
                    "has_role",
                    ValuePattern.ANY,
                    ValuePattern.ANY,
                    ValuePattern.exact(new Value("Org", "o3"))))));
    insert(store, role("u0", "even", "o0"));

    long expected = 1;
    for (int i = 1; i < 1000; i += 2) {
      expected += i % 7 == 3 ? 0 : 1;
    }
    assertThat(store.size()).isEqualTo(expected);
    assertThat(
            store.get(
                FactPattern.of(
                    "has_role",
                    ValuePattern.ANY,
                    ValuePattern.exact(Value.of("odd")),
                    ValuePattern.exact(new Value("Org", "o1")))))
        .hasSize(72)
        .allMatch(f -> f.args().get(2).id().equals("o1"));
    assertThat(store.get(FactPattern.of(role("u0", "even", "o0")))).hasSize(1);
    assertThat(store.get(FactPattern.of(role("u2", "even", "o2")))).isEmpty();
  }

  @Test
  void apply_insertThenDeleteInOneBatch_leavesNothing() {
    MemoryFactStore store = new MemoryFactStore();

    store.apply(
        List.of(
            new FactChange.Insert(role("a", "admin", "o")),
            new FactChange.Delete(FactPattern.of(role("a", "admin", "o")))));

    assertThat(store.size()).isZero();
  }

  @Test
  void apply_zeroArityFacts_storedOnce() {
    MemoryFactStore store = new MemoryFactStore();

    insert(store, Fact.of("maintenance"), Fact.of("maintenance"));

    assertThat(store.get(FactPattern.of("maintenance"))).containsExactly(Fact.of("maintenance"));
  }

  @Test
  void insert_newFact_stored() {
    MemoryFactStore store = new MemoryFactStore();

    store.insert(role("a", "admin", "o"));
    store.insert(role("a", "admin", "o"));

    assertThat(store.size()).isEqualTo(1);
    assertThat(store.get(any3("has_role"))).containsExactly(role("a", "admin", "o"));
  }

  @Test
  void delete_patternWithWildcard_removesEveryMatch() {
    MemoryFactStore store = new MemoryFactStore();
    store.insert(role("a", "admin", "o"));
    store.insert(role("a", "member", "p"));
    store.insert(role("b", "admin", "o"));

    store.delete(
        FactPattern.of(
            "has_role",
            ValuePattern.exact(new Value("User", "a")),
            ValuePattern.ANY,
            ValuePattern.ANY));

    assertThat(store.get(any3("has_role"))).containsExactly(role("b", "admin", "o"));
  }

  @Test
  void batch_insertThenDelete_appliedInOrder() {
    MemoryFactStore store = new MemoryFactStore();
    store.insert(role("x", "admin", "o"));

    store.batch(
        tx -> {
          tx.insert(role("a", "admin", "o"));
          tx.insert(role("b", "admin", "o"));
          tx.delete(role("a", "admin", "o"));
          tx.delete(role("x", "admin", "o"));
        });

    assertThat(store.get(any3("has_role"))).containsExactly(role("b", "admin", "o"));
  }

  @Test
  void batch_bodyThrows_appliesNothing() {
    MemoryFactStore store = new MemoryFactStore();

    assertThatThrownBy(
            () ->
                store.batch(
                    tx -> {
                      tx.insert(role("a", "admin", "o"));
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(store.size()).isZero();
  }

  @Test
  void publicMethods_noInternalTypes_exposed() {
    for (Method m : MemoryFactStore.class.getMethods()) {
      if (!Modifier.isPublic(m.getModifiers())) {
        continue;
      }
      assertThat(m.getReturnType().getName()).doesNotContain(".internal.");
      for (Class<?> p : m.getParameterTypes()) {
        assertThat(p.getName()).doesNotContain(".internal.");
      }
    }
    for (Class<?> i : MemoryFactStore.class.getInterfaces()) {
      assertThat(i.getName()).doesNotContain(".internal.");
    }
  }
}
