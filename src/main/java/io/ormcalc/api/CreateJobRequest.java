package io.ormcalc.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ormcalc.calculation.lda.LdaInput;
import io.ormcalc.calculation.legacy.AsaInput;
import io.ormcalc.calculation.legacy.BiaInput;
import io.ormcalc.calculation.legacy.TsaInput;
import io.ormcalc.calculation.sma.SmaInput;
import io.ormcalc.calculation.sma.SmaParameters;
import io.ormcalc.job.ExecutionMode;
import io.ormcalc.job.ModelName;
import io.ormcalc.job.Priority;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/calculation-jobs}. */
@Schema(description = "A calculation to run as a job.")
public record CreateJobRequest(
    @Schema(
            description =
                "The calculation: sma (Basel III standardised approach), bia, tsa, asa or lda (Loss Distribution Approach)")
        @NotNull(message = "is required")
        ModelName modelName,
    @Schema(description = "The legal entity or reporting unit calculated", examples = "BANK_001")
        @NotBlank(message = "is required")
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(
            regexp = "[A-Za-z0-9._:\\-]*",
            message = "may contain letters, digits and . _ : - only")
        String entityId,
    @Schema(description = "Reference date of the calculation (ISO-8601); not in the future")
        @NotNull(message = "is required")
        LocalDate calculationDate,
    @Schema(description = "sync, async or auto (default): auto runs fast models synchronously")
        ExecutionMode executionMode,
    @Schema(description = "urgent, high, normal (default) or low") Priority priority,
    @Schema(
            description = "Model inputs; amounts in inputs.amount_unit of inputs.currency",
            oneOf = {
              SmaInput.class,
              BiaInput.class,
              TsaInput.class,
              AsaInput.class,
              LdaInput.class
            })
        @NotNull(message = "is required")
        JsonNode inputs,
    @Schema(
            description =
                "Model parameters (sma: rule_set, loss_threshold, ilm_policy, ...); none for bia, tsa, asa",
            implementation = SmaParameters.class)
        JsonNode parameters,
    @Schema(description = "HTTPS or HTTP URL called back when an asynchronous job ends")
        @Size(max = 2048, message = "must be at most 2048 characters")
        @Pattern(regexp = "https?://[^\\s]+", message = "must be an absolute http or https URL")
        String callbackUrl,
    @Schema(
            description =
                "Makes creation safe to retry: the same key with the same request returns the"
                    + " first job (also accepted as the Idempotency-Key header)")
        @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
        @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be printable ASCII without spaces")
        String idempotencyKey) {}
