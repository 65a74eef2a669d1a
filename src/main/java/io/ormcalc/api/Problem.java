package io.ormcalc.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, with the service's stable {@code error_code}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    name = "Problem",
    description = "RFC 9457 problem detail (media type application/problem+json).")
public record Problem(
    @Schema(
            description = "URI identifying the problem type",
            examples = "urn:ormcalc:problem:validation-error")
        String type,
    @Schema(description = "Short summary of the problem type") String title,
    @Schema(description = "HTTP status code") int status,
    @Schema(description = "Explanation specific to this occurrence") String detail,
    @Schema(description = "The request path") String instance,
    @Schema(description = "Stable machine-readable code", examples = "VALIDATION_ERROR")
        String errorCode,
    @Schema(description = "Every invalid value, for validation errors") List<FieldError> errors,
    @Schema(description = "The job concerned, when there is one") String jobId,
    @Schema(description = "Correlation id of the request, for support") String correlationId,
    @Schema(description = "The calculation's estimated peak memory, when it was refused for it")
        Long estimatedMemoryBytes,
    @Schema(description = "The memory a job may use on this service, when one was refused for it")
        Long memoryLimitBytes) {

  public static final String MEDIA_TYPE = "application/problem+json";

  static Problem of(int status, String errorCode, String title, String detail) {
    return new Problem(
        "urn:ormcalc:problem:" + errorCode.toLowerCase().replace('_', '-'),
        title,
        status,
        detail,
        null,
        errorCode,
        null,
        null,
        null,
        null,
        null);
  }

  Problem withErrors(List<FieldError> fieldErrors) {
    return copy(
        instance, fieldErrors, jobId, correlationId, estimatedMemoryBytes, memoryLimitBytes);
  }

  Problem withJobId(String id) {
    return copy(instance, errors, id, correlationId, estimatedMemoryBytes, memoryLimitBytes);
  }

  Problem withMemory(long estimate, long limit) {
    return copy(instance, errors, jobId, correlationId, estimate, limit);
  }

  Problem at(String path, String correlation) {
    return copy(path, errors, jobId, correlation, estimatedMemoryBytes, memoryLimitBytes);
  }

  private Problem copy(
      String path,
      List<FieldError> fieldErrors,
      String job,
      String correlation,
      Long estimate,
      Long limit) {
    return new Problem(
        type,
        title,
        status,
        detail,
        path,
        errorCode,
        fieldErrors,
        job,
        correlation,
        estimate,
        limit);
  }
}
