package io.ormcalc.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The opaque keyset cursor of a listing (jobs, webhook deliveries): the creation time
 * (microseconds, as stored) and id of the last row of a page, base64url-encoded.
 */
record JobCursor(Instant createdAt, String jobId) {

  private static final Pattern JOB_ID = Pattern.compile("job_[0-9a-z]{26}");

  String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((micros + ":" + jobId).getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a cursor of the job listing; null when it is not one this service issued. */
  static JobCursor decode(String cursor) {
    return decode(cursor, JOB_ID);
  }

  /** Parses a cursor whose ids match {@code ids}; null when it is not one this service issued. */
  static JobCursor decode(String cursor, Pattern ids) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      String id = text.substring(colon + 1);
      if (colon < 1 || !ids.matcher(id).matches()) {
        return null;
      }
      long micros = Long.parseLong(text.substring(0, colon));
      return new JobCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      return null;
    }
  }
}
