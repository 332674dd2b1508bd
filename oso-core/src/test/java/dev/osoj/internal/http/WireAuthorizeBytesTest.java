package dev.osoj.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireAuthorizeBytesTest {
  private static final Value ACTOR = new Value("User", "alice \"the\" admin");
  private static final Value REPO = new Value("Repository", "acme/\u00e9t\u00e9");

  @Test
  void authorizeBytes_withoutContext_matchesTheTreeEncoding() {
    byte[] streamed = Wire.authorizeBytes(ACTOR, "read", REPO, List.of());

    assertThat(new String(streamed, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"actor_type\":\"User\",\"actor_id\":\"alice \\\"the\\\" admin\",\"action\":\"read\","
                + "\"resource_type\":\"Repository\",\"resource_id\":\"acme/\u00e9t\u00e9\","
                + "\"context_facts\":[]}");
    assertThat(streamed).isEqualTo(Wire.bytes(Wire.authorizeQuery(ACTOR, "read", REPO, List.of())));
  }

  @Test
  void authorizeBytes_withContextFacts_matchesTheTreeEncoding() {
    List<Fact> context =
        List.of(
            Fact.of("has_role", ACTOR, Value.of("owner"), REPO),
            Fact.of("is_public", REPO),
            Fact.of("has_flag", new Value("Integer", "42")));

    byte[] streamed = Wire.authorizeBytes(ACTOR, "push", REPO, context);

    assertThat(streamed).isEqualTo(Wire.bytes(Wire.authorizeQuery(ACTOR, "push", REPO, context)));
    assertThat(Wire.parse(streamed).get("context_facts").size()).isEqualTo(3);
  }
}
