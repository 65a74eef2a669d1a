package io.ormcalc.calculation.lda;

import java.util.SplittableRandom;

/**
 * The random stream of each (chunk, lane): one seeded SplittableRandom per unit per chunk, its seed
 * a SplitMix64 mix of the job seed, the chunk index and the lane. Streams depend only on these
 * numbers, never on which thread runs a chunk: the same seed gives the same numbers with 1 thread
 * or 64.
 */
final class Streams {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Streams() {}

  static SplittableRandom of(long seed, long chunk, long lane) {
    return new SplittableRandom(mix(seed + mix(chunk * GOLDEN + mix(lane + 0x632BE59BD9B4E019L))));
  }

  /** SplitMix64's finaliser (Steele, Lea and Flood, 2014). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
