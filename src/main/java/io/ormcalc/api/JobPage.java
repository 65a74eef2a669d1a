package io.ormcalc.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of jobs, newest first. */
@Schema(description = "A page of jobs, newest first.")
public record JobPage(
    @Schema(description = "The jobs of this page, without inputs or results")
        List<JobSummary> items,
    @Schema(description = "Pass as cursor to get the next page; null on the last page")
        String nextCursor) {}
