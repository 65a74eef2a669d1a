package io.ormcalc.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The LDA pool: foreground threads for urgent and high chunks, background ones for the rest. */
class LdaExecutorTest {

  static final int URGENT = 0;
  static final int HIGH = 1;
  static final int NORMAL = 2;
  static final int LOW = 3;
  static final long WAIT = 30;

  private LdaExecutor pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.stop(null);
    }
  }

  @Test
  void each_priority_runs_on_threads_whose_priority_never_changes() throws Exception {
    pool = new LdaExecutor(Optional.of(2));
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(8);
    for (int rank : new int[] {LOW, URGENT, NORMAL, HIGH, LOW, URGENT, NORMAL, HIGH}) {
      pool.submit(
          rank,
          () -> {
            Thread t = Thread.currentThread();
            seen.add(
                rank + " " + t.getName().startsWith("lda-background-") + " " + t.getPriority());
            done.countDown();
          });
    }
    assertThat(done.await(WAIT, TimeUnit.SECONDS)).isTrue();
    assertThat(seen)
        .containsExactlyInAnyOrder(
            URGENT + " false " + Thread.NORM_PRIORITY,
            URGENT + " false " + Thread.NORM_PRIORITY,
            HIGH + " false " + Thread.NORM_PRIORITY,
            HIGH + " false " + Thread.NORM_PRIORITY,
            NORMAL + " true " + Thread.MIN_PRIORITY,
            NORMAL + " true " + Thread.MIN_PRIORITY,
            LOW + " true " + Thread.MIN_PRIORITY,
            LOW + " true " + Thread.MIN_PRIORITY);
  }

  @Test
  void an_urgent_chunk_starts_while_low_chunks_hold_every_background_thread() throws Exception {
    pool = new LdaExecutor(Optional.of(2));
    CountDownLatch lowRunning = new CountDownLatch(2);
    CountDownLatch releaseLow = new CountDownLatch(1);
    for (int i = 0; i < 2; i++) {
      pool.submit(LOW, blocking(lowRunning, releaseLow));
    }
    assertThat(lowRunning.await(WAIT, TimeUnit.SECONDS)).isTrue();

    CountDownLatch urgentDone = new CountDownLatch(1);
    pool.submit(URGENT, urgentDone::countDown);
    assertThat(urgentDone.await(WAIT, TimeUnit.SECONDS))
        .as("the urgent chunk ran while both low ones still held their threads")
        .isTrue();
    releaseLow.countDown();
  }

  @Test
  void background_threads_take_no_chunk_while_foreground_chunks_fill_the_pool() throws Exception {
    pool = new LdaExecutor(Optional.of(2));
    CountDownLatch urgentRunning = new CountDownLatch(2);
    CountDownLatch releaseOne = new CountDownLatch(1);
    CountDownLatch releaseOther = new CountDownLatch(1);
    pool.submit(URGENT, blocking(urgentRunning, releaseOne));
    pool.submit(HIGH, blocking(urgentRunning, releaseOther));
    assertThat(urgentRunning.await(WAIT, TimeUnit.SECONDS)).isTrue();

    CountDownLatch lowDone = new CountDownLatch(1);
    pool.submit(LOW, lowDone::countDown);
    assertThat(lowDone.await(300, TimeUnit.MILLISECONDS))
        .as("two foreground chunks run on a pool of two: the low one waits")
        .isFalse();
    assertThat(pool.foregroundLoad()).isEqualTo(2);

    releaseOne.countDown();
    assertThat(lowDone.await(WAIT, TimeUnit.SECONDS))
        .as("one core freed: the low chunk runs beside the remaining foreground one")
        .isTrue();
    releaseOther.countDown();
  }

  @Test
  void each_set_takes_its_queue_by_priority_then_order_and_a_waiting_task_can_be_withdrawn()
      throws Exception {
    pool = new LdaExecutor(Optional.of(1));
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.submit(LOW, blocking(busy, release));
    assertThat(busy.await(WAIT, TimeUnit.SECONDS)).isTrue();

    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    pool.submit(LOW, record(order, "low 1", done));
    var withdrawn = pool.submit(LOW, record(order, "withdrawn", done));
    pool.submit(NORMAL, record(order, "normal", done));
    pool.submit(LOW, record(order, "low 2", done));
    assertThat(withdrawn.withdraw()).isTrue();
    assertThat(withdrawn.withdraw()).as("only once").isFalse();

    release.countDown();
    assertThat(done.await(WAIT, TimeUnit.SECONDS)).isTrue();
    assertThat(order).containsExactly("normal", "low 1", "low 2");
  }

  private static Runnable blocking(CountDownLatch started, CountDownLatch release) {
    return () -> {
      started.countDown();
      try {
        release.await(WAIT, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  private static Runnable record(List<String> order, String name, CountDownLatch done) {
    return () -> {
      order.add(name);
      done.countDown();
    };
  }
}
