package io.ormcalc.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared state of scripted calculations (see {@link ScriptedCalculationModels}): gates a test
 * opens, attempt counters, the order in which scripts started and how many ran at once. Tests and
 * the application share it: a {@code @QuarkusTest} runs in the application's class loader.
 */
public final class Scripts {

  private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
  private static final List<String> STARTED = new CopyOnWriteArrayList<>();
  private static final AtomicInteger RUNNING = new AtomicInteger();
  private static final AtomicInteger MAX_RUNNING = new AtomicInteger();

  private Scripts() {}

  static CountDownLatch gate(String name) {
    return GATES.computeIfAbsent(name, n -> new CountDownLatch(1));
  }

  /** Lets every script waiting on the named gate go on. */
  public static void open(String name) {
    gate(name).countDown();
  }

  /** Opens every gate: for clean-up after a test. */
  public static void openAll() {
    GATES.values().forEach(CountDownLatch::countDown);
  }

  static int nextAttempt(String name) {
    return ATTEMPTS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
  }

  public static int attempts(String name) {
    AtomicInteger n = ATTEMPTS.get(name);
    return n == null ? 0 : n.get();
  }

  static void started(String name) {
    STARTED.add(name);
    MAX_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
  }

  static void ended() {
    RUNNING.decrementAndGet();
  }

  /** The scripts whose name starts with the prefix, in the order they started. */
  public static List<String> startedWithPrefix(String prefix) {
    return STARTED.stream().filter(n -> n.startsWith(prefix)).toList();
  }

  public static int running() {
    return RUNNING.get();
  }

  /** Resets the high-water mark of concurrently running scripts. */
  public static void resetMaxRunning() {
    MAX_RUNNING.set(RUNNING.get());
  }

  public static int maxRunning() {
    return MAX_RUNNING.get();
  }
}
