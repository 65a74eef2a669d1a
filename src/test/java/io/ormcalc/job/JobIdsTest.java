package io.ormcalc.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobIdsTest {

  @Test
  void ids_have_their_prefix_and_26_lower_case_crockford_characters() {
    assertThat(JobIds.newJobId()).matches("job_[0-9a-hjkmnp-tv-z]{26}");
    assertThat(JobIds.newRunId()).matches("run_[0-9a-hjkmnp-tv-z]{26}");
  }

  @Test
  void ids_sort_by_creation_time_and_do_not_repeat() {
    assertThat(JobIds.ulid(1_000)).isLessThan(JobIds.ulid(1_001));
    assertThat(JobIds.ulid(0).substring(0, 10)).isEqualTo("0000000000");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(JobIds.newJobId());
    }
    assertThat(ids).hasSize(10_000);
  }
}
