package io.ormcalc.calculation.lda;

import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.CancelledException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Monte Carlo engine: simulates years of losses per unit of measure, and their total.
 *
 * <p>Years are split into fixed chunks (their size depends only on the number of years); chunk
 * {@code c} of unit {@code u} draws from its own stream {@link Streams#of(long, long, long) (seed,
 * c, u)}; chunks run on up to {@code parallelism} threads in any order; every per-chunk figure is
 * stored by chunk index and combined in index order. The result is therefore bit-identical whatever
 * the number of threads. Progress is reported and cancellation honoured between chunks (a chunk is
 * at most 65,536 years, some milliseconds of work), and between chunks the {@link ChunkPool} may
 * run a more urgent simulation's.
 *
 * <p>A year's loss of a unit is the sum of N severities, N drawn from the frequency. Totals: {@code
 * comonotonic} adds the units' risk measures; {@code independent} adds the units' losses year by
 * year; {@code gaussian_copula} couples the units' simulated annual-loss distributions with a
 * Gaussian copula in a second pass (each unit's quantile function is its simulated one: exact order
 * statistics in the upper tail, a sample of the first 262,144 years below it).
 */
public final class LdaSimulation {

  /** The levels reported besides the requested confidence. */
  public static final double[] REPORTED_LEVELS = {0.99, 0.995, 0.999, 0.9995};

  static final int MIN_CHUNK = 4096;
  static final int MAX_CHUNK = 65_536;
  static final int BODY_SAMPLE = 1 << 18;

  private final ChunkPool pool;

  public LdaSimulation(ChunkPool pool) {
    this.pool = pool;
  }

  /** Simulated measures of one series, unrounded. */
  record Series(
      double expectedLoss,
      double[] levels,
      double[] vars,
      double[] shortfalls,
      double varStandardError) {}

  /** The simulation's output: one series per unit, and the total's (null for comonotonic). */
  record Output(List<Series> units, Series total, double[] levels, int chunkSize) {}

  Output run(
      List<CompiledUnit> units,
      String method,
      double[][] correlation,
      long years,
      double confidence,
      long seed,
      CalculationContext context) {
    State state = new State(units.size(), method, years, confidence, seed);
    state.resume(context.resumeState());
    int chunkSize = state.chunkSize;
    int bodySize = state.bodySize;
    List<SeriesAccumulator> perUnit = state.perUnit;
    SeriesAccumulator total = state.total;
    double[] levels = state.levels;

    double firstPassShare = state.copula ? 0.5 : 1.0;
    if (state.pass == 1) {
      forEachChunk(
          state,
          units.size() + 2,
          context,
          0,
          firstPassShare,
          (c, buffers) -> {
            int length = length(c, chunkSize, years);
            for (int u = 0; u < units.size(); u++) {
              simulate(units.get(u), Streams.of(seed, c, u), buffers[u], length);
            }
            if (state.independent) {
              double[] sum = buffers[units.size()];
              Arrays.fill(sum, 0, length, 0);
              for (int u = 0; u < units.size(); u++) {
                for (int y = 0; y < length; y++) {
                  sum[y] += buffers[u][y];
                }
              }
            }
            // the chunk enters the state whole, or not at all: what a checkpoint sees
            state.lock.readLock().lock();
            try {
              long firstYear = (long) c * chunkSize;
              for (int u = 0; u < units.size(); u++) {
                perUnit.get(u).accept(c, buffers[u], length, buffers[units.size() + 1]);
                if (firstYear < bodySize) {
                  int n = (int) Math.min(length, bodySize - firstYear);
                  System.arraycopy(buffers[u], 0, state.body[u], (int) firstYear, n);
                }
              }
              if (state.independent) {
                total.accept(c, buffers[units.size()], length, buffers[units.size() + 1]);
              }
              state.markDone(c);
            } finally {
              state.lock.readLock().unlock();
            }
          });
      state.endFirstPass();
    }

    List<Series> unitSeries = new ArrayList<>();
    for (int u = 0; u < units.size(); u++) {
      unitSeries.add(summarise(perUnit.get(u), state.sortedTails[u], levels, years));
    }
    if (state.copula) {
      double[][] factor = Cholesky.of(correlation);
      EmpiricalQuantile[] quantiles = new EmpiricalQuantile[units.size()];
      for (int u = 0; u < units.size(); u++) {
        quantiles[u] = new EmpiricalQuantile(state.body[u], state.sortedTails[u], years);
      }
      forEachChunk(
          state,
          2,
          context,
          firstPassShare,
          1.0,
          (c, buffers) -> {
            int length = length(c, chunkSize, years);
            couple(quantiles, factor, Streams.of(seed, c, units.size()), buffers[0], length);
            state.lock.readLock().lock();
            try {
              total.accept(c, buffers[0], length, buffers[1]);
              state.markDone(c);
            } finally {
              state.lock.readLock().unlock();
            }
          });
    }
    Series totalSeries =
        total == null ? null : summarise(total, total.tailAscending(), levels, years);
    return new Output(unitSeries, totalSeries, levels, chunkSize);
  }

  /**
   * What a run holds between chunks, and its checkpoint: per series the kept tail and the chunk
   * figures, the copula's body samples, which pass it is in and which chunks of it are done. A
   * chunk enters the state whole under the read lock; a checkpoint is written under the write lock,
   * so it holds whole chunks only, and a run resumed from it computes exactly the chunks it lacks:
   * the tails are the same multisets and every figure is combined by chunk index, so the result is
   * bit-identical to that of a run never interrupted.
   */
  static final class State {
    static final int MAGIC = 0x4c444131; // "LDA1"

    final long years;
    final int units;
    final int chunkSize;
    final int chunks;
    final double[] levels;
    final int tailSize;
    final boolean copula;
    final boolean independent;
    final int bodySize;
    final long seed;
    final double confidence;
    final String method;
    final List<SeriesAccumulator> perUnit = new ArrayList<>();
    final SeriesAccumulator total;
    final double[][] body;
    final java.util.concurrent.locks.ReadWriteLock lock =
        new java.util.concurrent.locks.ReentrantReadWriteLock();
    int pass = 1;
    BitSet done;
    double[][] sortedTails; // once the first pass is over

    State(int units, String method, long years, double confidence, long seed) {
      this.years = years;
      this.units = units;
      this.method = method;
      this.confidence = confidence;
      this.seed = seed;
      this.chunkSize = chunkSize(years);
      this.chunks = chunks(years, chunkSize);
      this.levels = levels(confidence);
      this.tailSize = tailSize(years, levels);
      this.copula = Aggregations.GAUSSIAN_COPULA.equals(method) && units > 1;
      this.independent = Aggregations.INDEPENDENT.equals(method) && units > 1;
      this.bodySize = copula ? (int) Math.min(years, BODY_SAMPLE) : 0;
      this.body = new double[units][bodySize];
      for (int u = 0; u < units; u++) {
        perUnit.add(new SeriesAccumulator(tailSize, chunks, confidence));
      }
      this.total =
          copula || independent ? new SeriesAccumulator(tailSize, chunks, confidence) : null;
      this.done = new BitSet(chunks);
    }

    void markDone(int chunk) {
      synchronized (done) {
        done.set(chunk);
      }
    }

    /** The chunks of this pass still to run, in order. */
    int[] todo() {
      return java.util.stream.IntStream.range(0, chunks).filter(c -> !done.get(c)).toArray();
    }

    int doneCount() {
      return done.cardinality();
    }

    /** The first pass is over: the units' tails and the body samples are sorted, once. */
    void endFirstPass() {
      sortedTails = new double[units][];
      for (int u = 0; u < units; u++) {
        sortedTails[u] = perUnit.get(u).tailAscending();
        Arrays.sort(body[u]);
      }
      pass = 2;
      done = new BitSet(chunks);
    }

    /** The checkpoint: the dimensions it is for, then the state. Taken under the write lock. */
    byte[] save() {
      lock.writeLock().lock();
      try {
        long[] words = done.toLongArray();
        long bytes = HEADER_BYTES + 8L * words.length + 8L * bodySize * units;
        for (int u = 0; u < units; u++) {
          bytes += perUnit.get(u).stateBytes(sortedTails == null ? null : sortedTails[u]);
        }
        if (total != null) {
          bytes += total.stateBytes(null);
        }
        if (bytes > MAX_CHECKPOINT_BYTES) {
          return null;
        }
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate((int) bytes);
        out.putInt(MAGIC).putLong(years).putInt(units).putInt(chunkSize).putInt(tailSize);
        out.putInt(bodySize).putLong(seed).putDouble(confidence).putInt(method.hashCode());
        out.putInt(pass);
        out.putInt(words.length);
        for (long w : words) {
          out.putLong(w);
        }
        for (int u = 0; u < units; u++) {
          perUnit.get(u).write(out, sortedTails == null ? null : sortedTails[u]);
        }
        if (total != null) {
          total.write(out, null);
        }
        for (double[] b : body) {
          SeriesAccumulator.putAll(out, b);
        }
        return out.array(); // filled exactly: no second copy of the largest arrays
      } finally {
        lock.writeLock().unlock();
      }
    }

    /** The dimensions, the pass and the number of words of the done chunks. */
    static final int HEADER_BYTES = 4 + 8 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 4 + 4;

    /** Takes back a checkpoint of a run of the same dimensions; ignores anything else. */
    void resume(byte[] saved) {
      if (saved == null || saved.length < State.HEADER_BYTES) {
        return;
      }
      java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(saved);
      if (in.getInt() != MAGIC
          || in.getLong() != years
          || in.getInt() != units
          || in.getInt() != chunkSize
          || in.getInt() != tailSize
          || in.getInt() != bodySize
          || in.getLong() != seed
          || in.getDouble() != confidence
          || in.getInt() != method.hashCode()) {
        return;
      }
      int savedPass = in.getInt();
      long[] words = new long[in.getInt()];
      for (int i = 0; i < words.length; i++) {
        words[i] = in.getLong();
      }
      double[][] tails = savedPass == 2 ? new double[units][] : null;
      for (int u = 0; u < units; u++) {
        double[] sorted = perUnit.get(u).read(in, savedPass == 2);
        if (tails != null) {
          tails[u] = sorted;
        }
      }
      if (total != null) {
        total.read(in, false);
      }
      for (double[] b : body) {
        SeriesAccumulator.getAll(in, b);
      }
      pass = savedPass;
      sortedTails = tails;
      done = BitSet.valueOf(words);
    }
  }

  /** A state larger than this is not checkpointed (a run of it restarts from the beginning). */
  static final long MAX_CHECKPOINT_BYTES = 256L << 20;

  /**
   * The most memory a run of these dimensions holds at once, in bytes: per series (each unit, and
   * the total unless comonotonic) its exact tail from the lowest reported level up and two figures
   * per chunk; the copula's body samples; each worker's chunk buffers; room for sorting one tail;
   * the buffer of a checkpoint of all that; and a fixed allowance for the small objects. An upper
   * bound, so that admitting jobs by it keeps their sum under a budget.
   */
  public static long peakBytes(
      int units, String method, long years, double confidence, int parallelism) {
    int chunkSize = chunkSize(years);
    int chunks = chunks(years, chunkSize);
    long tail = tailSize(years, levels(confidence));
    boolean copula = Aggregations.GAUSSIAN_COPULA.equals(method) && units > 1;
    boolean independent = Aggregations.INDEPENDENT.equals(method) && units > 1;
    long series = units + (copula || independent ? 1 : 0);
    long body = copula ? Math.min(years, BODY_SAMPLE) * units : 0;
    long buffers = (long) Math.min(Math.max(1, parallelism), chunks) * (units + 2) * chunkSize;
    long state = Double.BYTES * (series * (tail + 2L * chunks) + body) + 8L * chunks;
    long checkpoint = state <= MAX_CHECKPOINT_BYTES ? state : 0; // its buffer, while written
    long doubles = series * (tail + 2L * chunks) + body + buffers + tail;
    return Double.BYTES * doubles + checkpoint + FIXED_BYTES;
  }

  /** What a simulation holds besides its arrays (samplers, results, bookkeeping): 1 MiB. */
  static final long FIXED_BYTES = 1 << 20;

  static int chunkSize(long years) {
    return (int) Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, (years + 255) / 256));
  }

  static int chunks(long years, int chunkSize) {
    return (int) ((years + chunkSize - 1) / chunkSize);
  }

  /** The exact upper tail kept: from the rank of the lowest level to the largest year. */
  static int tailSize(long years, double[] levels) {
    return (int) (years - Quantiles.rank(levels[0], years) + 1);
  }

  /** The reported levels and the confidence, ascending, without repeats. */
  static double[] levels(double confidence) {
    TreeSet<Double> levels = new TreeSet<>();
    for (double level : REPORTED_LEVELS) {
      levels.add(level);
    }
    levels.add(confidence);
    return levels.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static int length(int chunk, int chunkSize, long years) {
    return (int) Math.min(chunkSize, years - (long) chunk * chunkSize);
  }

  /** One year's loss per slot: the sum of N severities (the hot loop: no boxing, no allocation). */
  static void simulate(CompiledUnit unit, SplittableRandom random, double[] losses, int years) {
    Frequency frequency = unit.frequency();
    Severity severity = unit.severity();
    for (int y = 0; y < years; y++) {
      int n = frequency.sample(random);
      double loss = 0;
      for (int i = 0; i < n; i++) {
        loss += severity.sample(random);
      }
      losses[y] = loss;
    }
  }

  private static void couple(
      EmpiricalQuantile[] quantiles,
      double[][] factor,
      SplittableRandom random,
      double[] totals,
      int years) {
    int n = quantiles.length;
    double[] e = new double[n];
    for (int y = 0; y < years; y++) {
      for (int j = 0; j < n; j++) {
        e[j] = random.nextGaussian();
      }
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double z = 0;
        for (int k = 0; k <= j; k++) {
          z += factor[j][k] * e[k];
        }
        sum += quantiles[j].at(Normal.cdf(z));
      }
      totals[y] = sum;
    }
  }

  private static Series summarise(
      SeriesAccumulator accumulator, double[] tail, double[] levels, long years) {
    double[] vars = new double[levels.length];
    double[] shortfalls = new double[levels.length];
    long tailStart = years - tail.length + 1;
    for (int i = 0; i < levels.length; i++) {
      int index = (int) (Quantiles.rank(levels[i], years) - tailStart);
      vars[i] = tail[index];
      double sum = 0;
      for (int k = index; k < tail.length; k++) {
        sum += tail[k];
      }
      shortfalls[i] = sum / (tail.length - index);
    }
    return new Series(
        accumulator.total() / years, levels, vars, shortfalls, accumulator.varStandardError());
  }

  /** Work on one chunk, with this worker's buffers (reused from chunk to chunk). */
  interface ChunkWork {
    void run(int chunk, double[][] buffers);
  }

  /**
   * Runs the work for every chunk on up to {@code parallelism} workers of the pool, reporting
   * progress from {@code from} to {@code to} and stopping between chunks on cancellation or
   * interruption. A worker is a task that runs one chunk and queues itself again while chunks are
   * left, so the pool may run a more urgent simulation's chunks in between.
   */
  private void forEachChunk(
      State state,
      int bufferCount,
      CalculationContext context,
      double from,
      double to,
      ChunkWork work) {
    int[] todo = state.todo();
    int chunks = state.chunks;
    int chunkSize = state.chunkSize;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger(chunks - todo.length);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean stop = new AtomicBoolean();
    int workers = Math.min(pool.parallelism(), Math.max(1, todo.length));
    CountDownLatch finished = new CountDownLatch(workers);
    List<Worker> all = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      all.add(
          new Worker(
              context.priorityRank(),
              buffers -> {
                int i = next.getAndIncrement();
                if (i >= todo.length) {
                  return false;
                }
                work.run(todo[i], buffers);
                done.incrementAndGet();
                return next.get() < todo.length;
              },
              () -> new double[bufferCount][chunkSize],
              stop,
              failure,
              finished));
    }
    all.forEach(Worker::queue);
    boolean interrupted = false;
    try {
      while (!finished.await(50, TimeUnit.MILLISECONDS)) {
        context.progress(from + (to - from) * done.get() / chunks);
        if (context.isCancelled()) {
          stop.set(true);
          all.forEach(Worker::withdraw);
        } else if (context.checkpointDue()) {
          checkpoint(state, context);
        }
      }
      if (failure.get() == null && context.isCancelled() && context.checkpointDue()) {
        checkpoint(state, context); // handed back: the next attempt resumes from here
      }
    } catch (InterruptedException e) {
      interrupted = true;
      stop.set(true);
      all.forEach(Worker::withdraw);
      awaitUninterruptibly(finished);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new CancelledException();
    }
    Throwable failed = failure.get();
    if (failed instanceof RuntimeException r) {
      throw r;
    }
    if (failed instanceof Error e) {
      throw e; // out of memory or stack: the caller records the attempt as resource-exhausted
    }
    if (failed != null) {
      throw new IllegalStateException(failed);
    }
    context.checkCancelled();
    context.progress(to);
  }

  /**
   * One worker of a pass: a task that runs one chunk per turn in the pool and queues itself again
   * while chunks are left. It counts down {@code finished} exactly once: when it has no chunk left,
   * when the pass stops, when it fails, or when it is withdrawn from the pool.
   */
  private final class Worker implements Runnable {
    private final int rank;
    private final java.util.function.Predicate<double[][]> chunk;
    private final java.util.function.Supplier<double[][]> allocate;
    private double[][] buffers; // this worker's, reused from chunk to chunk; one thread at a time
    private final AtomicBoolean stop;
    private final AtomicReference<Throwable> failure;
    private final CountDownLatch finished;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile ChunkPool.Queued queued;

    Worker(
        int rank,
        java.util.function.Predicate<double[][]> chunk,
        java.util.function.Supplier<double[][]> allocate,
        AtomicBoolean stop,
        AtomicReference<Throwable> failure,
        CountDownLatch finished) {
      this.rank = rank;
      this.chunk = chunk;
      this.allocate = allocate;
      this.stop = stop;
      this.failure = failure;
      this.finished = finished;
    }

    void queue() {
      try {
        queued = pool.submit(rank, this);
      } catch (RuntimeException rejected) {
        failure.compareAndSet(null, rejected);
        stop.set(true);
        end();
      }
    }

    void withdraw() {
      ChunkPool.Queued q = queued;
      if (q != null && q.withdraw()) {
        end();
      }
    }

    @Override
    public void run() {
      boolean more = false;
      try {
        if (!stop.get()) {
          if (buffers == null) {
            buffers = allocate.get();
          }
          more = chunk.test(buffers) && !stop.get();
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
        stop.set(true);
      }
      if (more) {
        queue();
      } else {
        end();
      }
    }

    private void end() {
      if (ended.compareAndSet(false, true)) {
        finished.countDown();
      }
    }
  }

  private static void checkpoint(State state, CalculationContext context) {
    byte[] saved = state.save();
    if (saved != null) {
      context.checkpoint(saved);
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean again = true;
    while (again) {
      try {
        latch.await();
        again = false;
      } catch (InterruptedException ignored) {
        // the workers stop after their current chunk; wait for them
      }
    }
  }
}
