package io.ormcalc.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobStatusTest {

  @Test
  void the_transition_table_allows_exactly_the_documented_moves() {
    assertAllowed(JobStatus.QUEUED, EnumSet.of(JobStatus.RUNNING, JobStatus.CANCELLED));
    assertAllowed(
        JobStatus.RUNNING,
        EnumSet.of(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.QUEUED));
    for (JobStatus terminal :
        EnumSet.of(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)) {
      assertThat(terminal.isTerminal()).isTrue();
      assertAllowed(terminal, EnumSet.noneOf(JobStatus.class));
    }
    assertThat(JobStatus.QUEUED.isTerminal()).isFalse();
    assertThat(JobStatus.RUNNING.isTerminal()).isFalse();
  }

  @Test
  void an_illegal_move_is_refused_with_both_states_named() {
    assertThatThrownBy(() -> JobStatus.COMPLETED.checkTransitionTo(JobStatus.RUNNING))
        .isInstanceOf(IllegalJobTransitionException.class)
        .hasMessage("a job cannot go from completed to running");
  }

  private static void assertAllowed(JobStatus from, Set<JobStatus> allowed) {
    for (JobStatus to : JobStatus.values()) {
      assertThat(from.canTransitionTo(to)).as(from + " -> " + to).isEqualTo(allowed.contains(to));
    }
  }
}
