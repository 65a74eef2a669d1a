package io.ormcalc.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A helper loop claims only while woken and while its batches say more is due. */
class ClaimLoopTest {

  /** A helper whose claiming transactions are counted, then answered by {@code more}. */
  private static ClaimLoop counting(AtomicInteger transactions, BooleanSupplier more) {
    return ClaimLoop.helper(
        "test-helper",
        rank -> {
          transactions.incrementAndGet();
          return more.getAsBoolean();
        });
  }

  @Test
  void a_helper_woken_for_a_rank_claims_up_to_it_and_only_while_it_waits() throws Exception {
    List<Integer> ranks = new CopyOnWriteArrayList<>();
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ClaimLoop helper =
        ClaimLoop.helper(
            "test-helper",
            rank -> {
              ranks.add(rank);
              if (ranks.size() == 2) {
                busy.countDown();
                try {
                  release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return false;
            });
    helper.start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> helper.wakeIfWaiting(1));
      await().atMost(Duration.ofSeconds(5)).until(() -> ranks.size() == 1);
      assertThat(ranks).containsExactly(1);

      await().atMost(Duration.ofSeconds(5)).until(() -> helper.wakeIfWaiting(0));
      assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(helper.wakeIfWaiting(1)).as("busy claiming: the caller turns elsewhere").isFalse();
      helper.wake(); // for everything, after this claim
      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> ranks.size() == 3);
      assertThat(ranks).containsExactly(1, 0, Integer.MAX_VALUE);
    } finally {
      helper.stop();
    }
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
