package io.ormcalc.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid value of a request. */
@Schema(description = "One invalid value of a request.")
public record FieldError(
    @Schema(
            description = "JSON path of the value",
            examples = "inputs.business_indicator[0].interest_income")
        String field,
    @Schema(description = "What is wrong with it", examples = "must not be negative")
        String message) {}
