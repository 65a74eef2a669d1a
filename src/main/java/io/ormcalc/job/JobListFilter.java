package io.ormcalc.job;

import java.time.Instant;

/**
 * Filters and keyset position of a job listing; every field may be null.
 *
 * @param tenantId only this tenant's jobs; null for every tenant's (administrators)
 * @param afterCreatedAt with {@code afterId}: the position of the last job of the previous page
 */
public record JobListFilter(
    String tenantId,
    JobStatus status,
    ModelName modelName,
    String entityId,
    Instant createdAfter,
    Instant afterCreatedAt,
    String afterId) {}
