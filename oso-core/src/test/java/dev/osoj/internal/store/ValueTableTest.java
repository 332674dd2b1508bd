package dev.osoj.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Value;
import org.junit.jupiter.api.Test;

class ValueTableTest {
  @Test
  void findRecent_equalValueAskedTwice_sameIdAsFind() {
    ValueTable table = new ValueTable();
    int alice = table.intern(new Value("User", "alice"));
    int bob = table.intern(new Value("User", "bob"));

    assertThat(table.findRecent(new Value("User", "alice"))).isEqualTo(alice);
    assertThat(table.findRecent(new Value("User", "alice"))).isEqualTo(alice);
    assertThat(table.findRecent(new Value("User", "bob"))).isEqualTo(bob);
    assertThat(table.find(new Value("User", "bob"))).isEqualTo(bob);
  }

  @Test
  void findRecent_unknownValue_notRemembered() {
    ValueTable table = new ValueTable();

    assertThat(table.findRecent(new Value("User", "carol"))).isEqualTo(-1);
    int carol = table.intern(new Value("User", "carol"));

    assertThat(table.findRecent(new Value("User", "carol"))).isEqualTo(carol);
  }

  @Test
  void findRecent_sameIdOtherType_distinguished() {
    ValueTable table = new ValueTable();
    int user = table.intern(new Value("User", "x"));
    int org = table.intern(new Value("Org", "x"));

    assertThat(table.findRecent(new Value("User", "x"))).isEqualTo(user);
    assertThat(table.findRecent(new Value("Org", "x"))).isEqualTo(org);
    assertThat(table.findRecent(new Value("User", "x"))).isEqualTo(user);
  }

  @Test
  void findRecent_manyValues_allFound() {
    ValueTable table = new ValueTable();
    for (int i = 0; i < 50_000; i++) {
      table.intern(new Value("User", "u" + i));
    }

    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 50_000; i++) {
        assertThat(table.findRecent(new Value("User", "u" + i))).isEqualTo(i);
      }
    }
  }
}
