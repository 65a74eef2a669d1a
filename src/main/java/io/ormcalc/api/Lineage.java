package io.ormcalc.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a result came about: enough to reproduce it exactly. */
@Schema(description = "How a result came about: enough to reproduce it exactly.")
public record Lineage(
    @Schema(
            description =
                "SHA-256 of the canonical JSON of model, entity, date, inputs and parameters")
        String inputHash,
    @Schema(description = "Version of this engine that calculated") String engineVersion,
    @Schema(description = "Rule set applied, e.g. BCBS_2017, EU_CRR3, RBI_2023, BASEL_II")
        String ruleSet,
    @Schema(
            description = "Parameters as applied, defaults filled in",
            implementation = Object.class)
        @JsonRawValue
        String parameters,
    @Schema(description = "When the result was calculated") Instant calculatedAt,
    @Schema(description = "Correlation id of the request that created the job")
        String correlationId) {}
