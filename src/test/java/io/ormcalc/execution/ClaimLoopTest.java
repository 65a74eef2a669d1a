package io.ormcalc.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A helper loop claims only while woken and while its batches say more is due. */
class ClaimLoopTest {

  /** A helper whose claiming transactions are counted, then answered by {@code more}. */
  private static ClaimLoop counting(AtomicInteger transactions, BooleanSupplier more) {
    return ClaimLoop.helper(
        "test-helper",
        () -> {
          transactions.incrementAndGet();
          return more.getAsBoolean();
        });
  }

  @Test
  void a_helper_runs_while_batches_come_back_full_then_sleeps_until_woken() throws Exception {
    AtomicInteger backlog = new AtomicInteger(3); // full batches waiting
    AtomicInteger transactions = new AtomicInteger();
    ClaimLoop helper =
        counting(transactions, () -> backlog.getAndUpdate(n -> Math.max(0, n - 1)) > 1);
    helper.start();
    try {
      Thread.sleep(300);
      assertThat(transactions).as("not woken: no claim, no poll").hasValue(0);

      helper.wake();
      await().atMost(Duration.ofSeconds(5)).until(() -> transactions.get() == 3);
      Thread.sleep(300);
      assertThat(transactions).as("the short batch sent it to sleep").hasValue(3);

      backlog.set(2);
      helper.wake();
      await().atMost(Duration.ofSeconds(5)).until(() -> transactions.get() == 5);
      Thread.sleep(300);
      assertThat(transactions).hasValue(5);
    } finally {
      helper.stop();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> !helper.isRunning());
  }

  @Test
  void a_failing_helper_transaction_sends_it_to_sleep_rather_than_spinning() throws Exception {
    AtomicInteger transactions = new AtomicInteger();
    ClaimLoop helper =
        counting(
            transactions,
            () -> {
              throw new IllegalStateException("database gone");
            });
    helper.start();
    try {
      helper.wake();
      await().atMost(Duration.ofSeconds(5)).until(() -> transactions.get() == 1);
      Thread.sleep(300);
      assertThat(transactions).hasValue(1);
      assertThat(helper.isWedged()).isFalse();
    } finally {
      helper.stop();
    }
  }
}
