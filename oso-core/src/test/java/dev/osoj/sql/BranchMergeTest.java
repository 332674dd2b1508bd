package dev.osoj.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osoj.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class BranchMergeTest {
  private static final Plan ROLES =
      new Plan.Scan(
          new FactSource.Binding(
              "has_role",
              "SELECT user_id, role, repo_id FROM repo_roles",
              List.of(
                  new FactSource.BindingArg("User", SqlType.INTEGER, null),
                  new FactSource.BindingArg(Value.STRING, SqlType.TEXT, null),
                  new FactSource.BindingArg("Repository", SqlType.INTEGER, null))));

  private static Plan.Condition.Eq eq(int column, Value value) {
    return new Plan.Condition.Eq(new Plan.Expr.Column(column), new Plan.Expr.Const(value));
  }

  private static Plan branch(String user, String role) {
    return new Plan.Project(
        new Plan.Filter(
            ROLES,
            new Plan.Condition.And(List.of(eq(0, new Value("User", user)), eq(1, Value.of(role))))),
        List.of(new Plan.Expr.Column(2)));
  }

  @Test
  void merge_branchesDifferingInOneConstant_becomeOneWithEveryValue() {
    List<BranchMerge.Merged> out =
        BranchMerge.merge(List.of(branch("1", "reader"), branch("1", "maintainer")));

    assertThat(out).hasSize(1);
    assertThat(out.get(0).values().values())
        .containsExactly(List.of(Value.of("reader"), Value.of("maintainer")));
  }

  @Test
  void merge_branchesDifferingInTwoConstants_stayApart() {
    List<BranchMerge.Merged> out =
        BranchMerge.merge(List.of(branch("1", "reader"), branch("2", "maintainer")));

    assertThat(out).hasSize(2);
    assertThat(out).allSatisfy(m -> assertThat(m.values()).isEmpty());
  }

  @Test
  void merge_differenceUnderTheExcludedSideOfAnAntiJoin_staysApart() {
    Plan a =
        new Plan.AntiJoin(
            branch("1", "reader"), branch("1", "banned"), new Plan.Condition.And(List.of()));
    Plan b =
        new Plan.AntiJoin(
            branch("1", "reader"), branch("1", "blocked"), new Plan.Condition.And(List.of()));

    assertThat(BranchMerge.merge(List.of(a, b))).hasSize(2);
  }

  @Test
  void merge_equalityObjectUsedTwiceInTheBranch_staysApart() {
    Plan.Condition.Eq shared = eq(1, Value.of("reader"));
    Plan twice =
        new Plan.Join(
            new Plan.Filter(ROLES, shared),
            new Plan.Filter(ROLES, shared),
            new Plan.Condition.And(List.of()));
    Plan other =
        new Plan.Join(
            new Plan.Filter(ROLES, eq(1, Value.of("maintainer"))),
            new Plan.Filter(ROLES, shared),
            new Plan.Condition.And(List.of()));

    assertThat(BranchMerge.merge(List.of(twice, other))).hasSize(2);
  }
}
