package io.ormcalc.job;

import java.security.SecureRandom;

/**
 * Job and run identifiers: a prefix and a ULID (48-bit millisecond time, 80 random bits) in
 * lower-case Crockford base32, e.g. {@code job_01jd8x3k2m9q4r7t5v6w8y0z1a}. Time-ordered, so new
 * rows land at the end of the primary-key index; unguessable, so ids do not leak job counts.
 */
public final class JobIds {

  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private JobIds() {}

  public static String newJobId() {
    return "job_" + ulid(System.currentTimeMillis());
  }

  public static String newRunId() {
    return "run_" + ulid(System.currentTimeMillis());
  }

  static String ulid(long millis) {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    long high = 0;
    for (int i = 0; i < 5; i++) {
      high = (high << 8) | (random[i] & 0xff);
    }
    long low = 0;
    for (int i = 5; i < 10; i++) {
      low = (low << 8) | (random[i] & 0xff);
    }
    for (int i = 17; i >= 10; i--) {
      out[i] = ALPHABET[(int) (high & 31)];
      high >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      out[i] = ALPHABET[(int) (low & 31)];
      low >>>= 5;
    }
    return new String(out);
  }
}
