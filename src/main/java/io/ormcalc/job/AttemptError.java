package io.ormcalc.job;

import java.time.Instant;

/** One failed attempt in a job's {@code attempt_errors} history. */
public record AttemptError(int attempt, Instant at, String errorCode, String message) {}
