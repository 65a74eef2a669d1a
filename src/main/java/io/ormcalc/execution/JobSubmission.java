package io.ormcalc.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.ormcalc.job.ExecutionMode;
import io.ormcalc.job.ModelName;
import io.ormcalc.job.Priority;
import java.time.LocalDate;

/**
 * A request to run a calculation, as the API received it after checking its envelope, on behalf of
 * a tenant.
 */
public record JobSubmission(
    String tenantId,
    ModelName modelName,
    String entityId,
    LocalDate calculationDate,
    ExecutionMode executionMode,
    Priority priority,
    JsonNode inputs,
    JsonNode parameters,
    String callbackUrl) {}
