package io.ormcalc.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Slots per priority and above, twice that in all. */
class JobSlotsTest {

  static final int URGENT = 0;
  static final int NORMAL = 2;
  static final int LOW = 3;

  @Test
  void low_jobs_holding_every_slot_leave_room_for_more_urgent_ones_only() {
    JobSlots slots = new JobSlots(2);
    assertThat(slots.tryTake(LOW)).isTrue();
    assertThat(slots.tryTake(LOW)).isTrue();
    assertThat(slots.tryTake(LOW)).isFalse();
    assertThat(slots.leastUrgentAdmissible()).isEqualTo(NORMAL);

    assertThat(slots.tryTake(NORMAL)).isTrue();
    assertThat(slots.tryTake(URGENT)).as("three of four in all").isTrue();
    assertThat(slots.taken()).isEqualTo(4);
    assertThat(slots.tryTake(URGENT)).as("twice the slots in all").isFalse();
    assertThat(slots.leastUrgentAdmissible()).isEqualTo(-1);
    assertThat(slots.free()).isZero();

    slots.release(LOW);
    assertThat(slots.leastUrgentAdmissible())
        .as("high: one job as urgent or more runs, one normal and one low")
        .isEqualTo(1);
    assertThat(slots.tryTake(NORMAL)).isFalse();
    assertThat(slots.tryTake(URGENT)).isTrue();
  }

  @Test
  void urgent_jobs_holding_every_slot_leave_room_for_none() {
    JobSlots slots = new JobSlots(1);
    assertThat(slots.tryTake(URGENT)).isTrue();
    assertThat(slots.leastUrgentAdmissible()).isEqualTo(-1);
    assertThat(slots.tryTake(LOW)).isFalse();
    slots.release(URGENT);
    assertThat(slots.leastUrgentAdmissible()).isEqualTo(LOW);
    assertThat(slots.free()).isOne();
  }
}
