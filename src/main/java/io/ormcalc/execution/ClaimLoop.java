package io.ormcalc.execution;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import org.jboss.logging.Logger;

/**
 * The thread of a claiming dispatcher (jobs, webhook messages): it claims as many items as there
 * are free slots, hands them over, and when it got fewer than it asked for sleeps until {@link
 * #wake()} or the poll interval. Wake-ups that come while it is busy coalesce into one, so none is
 * lost and none makes it spin. Nothing waits in memory: the database is the only queue.
 *
 * <p>A {@linkplain #polling polling} loop counts no slots: its claim decides what it may take and
 * says whether more is likely due. A {@linkplain #helper helper} loop has no slots and no poll:
 * woken (by the loop it helps, when that one met a backlog), it runs claiming transactions of its
 * own for as long as each reports that more is due, then sleeps until it is woken again. Woken by
 * {@link #wakeIfWaiting(int)} only, it claims items up to that rank (lower is more urgent); by
 * {@link #wake()}, all.
 */
public final class ClaimLoop {

  private static final Logger LOG = Logger.getLogger(ClaimLoop.class);

  private final String name;
  private final Semaphore slots;
  private final Duration pollInterval;
  private final IntUnaryOperator claimAndSubmit;
  private boolean woken;
  private boolean waiting;
  private int wokenRank = -1;
  private volatile boolean active;
  private Thread thread;

  /**
   * @param claimAndSubmit claims up to the given number of items, submits each (taking a slot), and
   *     returns how many it claimed
   */
  public ClaimLoop(
      String name, Semaphore slots, Duration pollInterval, IntUnaryOperator claimAndSubmit) {
    this.name = name;
    this.slots = slots;
    this.pollInterval = pollInterval;
    this.claimAndSubmit = claimAndSubmit;
  }

  /**
   * A loop without slots or poll that runs only while woken and {@code claimMore} says more is due.
   *
   * @param claimMore runs one claiming transaction of items up to the given rank ({@link
   *     Integer#MAX_VALUE}: all); true when more such work is likely due at once
   */
  public static ClaimLoop helper(String name, IntPredicate claimMore) {
    return new ClaimLoop(name, null, null, rank -> claimMore.test(rank) ? 1 : 0);
  }

  /**
   * A loop without slots: it runs {@code claimMore} while that says more is likely due at once,
   * then sleeps until {@link #wake()} or the poll interval.
   */
  public static ClaimLoop polling(String name, Duration pollInterval, BooleanSupplier claimMore) {
    return new ClaimLoop(name, null, pollInterval, ignored -> claimMore.getAsBoolean() ? 1 : 0);
  }

  public void start() {
    active = true;
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Claims nothing more; an item being claimed now is still handed over. */
  public void stop() {
    active = false;
    wake();
  }

  /** Whether it still claims (false once stopped). */
  public boolean isActive() {
    return active;
  }

  /** Whether it claims and its thread is alive. */
  public boolean isRunning() {
    return active && thread != null && thread.isAlive();
  }

  /** Whether its thread died although it was not stopped (an error escaped the loop). */
  public boolean isWedged() {
    return active && thread != null && !thread.isAlive();
  }

  /** Asks it to claim now (an item became due, or a slot freed). */
  public synchronized void wake() {
    wokenRank = Integer.MAX_VALUE;
    woken = true;
    notifyAll();
  }

  /**
   * Wakes it if it is waiting, so that a claim of its starts at once, of items up to {@code rank}
   * if it is a helper (or more, when it was woken for more meanwhile); false when it is busy
   * claiming (and the caller may turn to another loop).
   */
  public synchronized boolean wakeIfWaiting(int rank) {
    if (waiting) {
      wokenRank = Math.max(wokenRank, rank);
      woken = true;
      notifyAll();
    }
    return waiting;
  }

  private void run() {
    while (active) {
      if (slots == null) {
        if (pollInterval == null) {
          helpWhenWoken();
        } else {
          claimWhileMore();
        }
        continue;
      }
      int free = slots.availablePermits();
      int claimed = 0;
      if (free > 0) {
        try {
          claimed = claimAndSubmit.applyAsInt(free);
        } catch (RuntimeException e) {
          LOG.warnf(e, "%s: claiming failed; trying again in %s", name, pollInterval);
        }
      }
      if (claimed < free || free == 0) {
        await();
      }
    }
  }

  private void claimWhileMore() {
    boolean more = false;
    try {
      more = claimAndSubmit.applyAsInt(0) > 0;
    } catch (RuntimeException e) {
      LOG.warnf(e, "%s: claiming failed; trying again in %s", name, pollInterval);
    }
    if (!more) {
      await();
    }
  }

  private void helpWhenWoken() {
    int rank = await();
    boolean more = rank >= 0;
    while (more && active) {
      try {
        more = claimAndSubmit.applyAsInt(rank) > 0;
      } catch (RuntimeException e) {
        LOG.warnf(e, "%s: claiming failed; the loop it helps goes on", name);
        more = false;
      }
    }
  }

  /** Waits to be woken or for the poll interval; returns the rank it was woken for, or -1. */
  private synchronized int await() {
    int rank = -1;
    try {
      if (!woken && active) {
        waiting = true;
        wait(pollInterval == null ? 0 : pollInterval.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      active = false;
    } finally {
      waiting = false;
      if (woken) {
        rank = wokenRank;
      }
      woken = false;
      wokenRank = -1;
    }
    return rank;
  }
}
