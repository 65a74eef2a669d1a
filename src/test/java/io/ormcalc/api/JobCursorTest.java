package io.ormcalc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobCursorTest {

  @Test
  void a_cursor_round_trips_to_the_microsecond() {
    JobCursor cursor =
        new JobCursor(
            Instant.parse("2024-12-31T10:15:30.123456Z"), "job_01jdb3v4k8x2m7q9r5t6w8y0za");

    assertThat(JobCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void anything_else_is_not_a_cursor() {
    assertThat(JobCursor.decode("not-a-cursor")).isNull();
    assertThat(JobCursor.decode("")).isNull();
    assertThat(
            JobCursor.decode(
                java.util.Base64.getUrlEncoder().encodeToString("12:job_x".getBytes())))
        .isNull();
    assertThat(
            JobCursor.decode(
                java.util.Base64.getUrlEncoder()
                    .encodeToString("x:job_01jdb3v4k8x2m7q9r5t6w8y0za".getBytes())))
        .isNull();
  }
}
