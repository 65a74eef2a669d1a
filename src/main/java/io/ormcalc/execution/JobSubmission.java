package io.ormcalc.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.ormcalc.job.ExecutionMode;
import io.ormcalc.job.ModelName;
import io.ormcalc.job.Priority;
import java.time.LocalDate;

/** A request to run a calculation, as the API received it after checking its envelope. */
public record JobSubmission(
    ModelName modelName,
    String entityId,
    LocalDate calculationDate,
    ExecutionMode executionMode,
    Priority priority,
    JsonNode inputs,
    JsonNode parameters,
    String callbackUrl) {}
