package io.ormcalc.job;

/**
 * Why a job failed, as stored in {@code error} and shown to clients.
 *
 * @param errorCode stable machine-readable code, e.g. {@code ILM_UNDEFINED}
 * @param retryable whether another attempt could succeed (database or I/O trouble, timeouts)
 */
public record JobError(String errorCode, String message, boolean retryable) {}
