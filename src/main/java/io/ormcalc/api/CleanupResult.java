package io.ormcalc.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of a cleanup. */
@Schema(description = "The answer of a cleanup.")
public record CleanupResult(
    @Schema(description = "What was done, in words") String message,
    @Schema(description = "How many finished jobs were purged") int jobsCleaned,
    @Schema(description = "The age limit applied, in hours") int maxAgeHours) {}
