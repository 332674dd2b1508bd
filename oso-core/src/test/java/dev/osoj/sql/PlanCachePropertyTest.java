package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Fact;
import dev.osoj.Value;
import dev.osoj.internal.plan.FactSources;
import dev.osoj.internal.plan.FactValues;
import dev.osoj.internal.plan.PlanCache;
import dev.osoj.internal.plan.Planner;
import dev.osoj.internal.polar.PolicyLoader;
import dev.osoj.internal.program.Program;
import dev.osoj.store.MemoryFactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For the generated policies and fact sets of {@link DifferentialSqlTest}: every plan served by a
 * {@link PlanCache} (a template with the question's values substituted, or a fresh plan when the
 * template does not apply) equals the plan built from scratch for that question, over the fact
 * table and over facts held in memory, for every user (hostile ids included), action, resource
 * type, bound resource and open resource.
 */
class PlanCachePropertyTest {
  private final DifferentialSqlTest generators = new DifferentialSqlTest();

  @Provide
  net.jqwik.api.Arbitrary<DifferentialSqlTest.Features> features() {
    return generators.features();
  }

  @Provide
  net.jqwik.api.Arbitrary<List<Fact>> facts() {
    return generators.facts();
  }

  @Property(tries = 40)
  void cachedPlans_generatedPolicies_equalFreshPlans(
      @ForAll("features") DifferentialSqlTest.Features features,
      @ForAll("facts") List<Fact> facts) {
    Program program = PolicyLoader.load(features.policy());
    MemoryFactStore store = new MemoryFactStore();
    facts.forEach(store::insert);
    List<FactSources> sources = List.of(FactSources.factTable("facts"), FactValues.of(store));
    for (FactSources s : sources) {
      PlanCache cache = new PlanCache();
      for (List<Planner.Arg> args : questions()) {
        assertThat(cache.plan(program, s, 0, "allow", args))
            .as("%s\n%s", args, features.policy())
            .isEqualTo(new Planner(program, s, 0).plan("allow", args));
      }
    }
  }

  private static List<List<Planner.Arg>> questions() {
    List<List<Planner.Arg>> out = new ArrayList<>();
    for (String u : DifferentialSqlTest.USERS) {
      Value user = new Value("User", u);
      for (String action : DifferentialSqlTest.ACTIONS) {
        for (Map.Entry<String, List<String>> type : DifferentialSqlTest.IDS.entrySet()) {
          out.add(
              List.of(
                  new Planner.Arg.Bound(user),
                  new Planner.Arg.Bound(Value.of(action)),
                  new Planner.Arg.Open(type.getKey())));
          for (String id : type.getValue()) {
            out.add(
                List.of(
                    new Planner.Arg.Bound(user),
                    new Planner.Arg.Bound(Value.of(action)),
                    new Planner.Arg.Bound(new Value(type.getKey(), id))));
          }
        }
      }
      out.add(
          List.of(
              new Planner.Arg.Bound(user),
              new Planner.Arg.Open(Value.STRING),
              new Planner.Arg.Bound(new Value("Repo", "r'1"))));
    }
    return out;
  }
}
