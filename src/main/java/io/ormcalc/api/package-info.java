/**
 * The REST edge. The document-wide OpenAPI declarations live here, where SmallRye reads them (a
 * {@code package-info} or a JAX-RS {@code Application}; on any other class they are ignored): the
 * bearer scheme, required by every operation unless one says otherwise, and the problem responses
 * the operations share, referenced by the names in {@link io.ormcalc.api.ApiDocumentation}.
 */
@OpenAPIDefinition(
    info = @Info(title = "ORM Capital Calculator Engine", version = "v1"),
    security = @SecurityRequirement(name = "bearer"),
    components =
        @Components(
            securitySchemes =
                @SecurityScheme(
                    securitySchemeName = "bearer",
                    type = SecuritySchemeType.HTTP,
                    scheme = "bearer",
                    bearerFormat = "JWT",
                    description =
                        "OAuth 2.0 access token (JWT) with the tenant claim and the roles"
                            + " calc:submit, calc:read or calc:admin in groups"),
            responses = {
              @APIResponse(
                  name = ApiDocumentation.INVALID_REQUEST,
                  description = "Invalid or malformed request (VALIDATION_ERROR, MALFORMED_JSON)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocumentation.JOB_NOT_FOUND,
                  description = "No such job (JOB_NOT_FOUND)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocumentation.PAYLOAD_TOO_LARGE,
                  description = "Body over 1 MiB (PAYLOAD_TOO_LARGE)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE,
                  description = "Body is not application/json (UNSUPPORTED_MEDIA_TYPE)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocumentation.JOB_NOT_CANCELLABLE,
                  description = "The job already finished (JOB_NOT_CANCELLABLE)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocumentation.UNPROCESSABLE,
                  description =
                      "The calculation failed (its error_code, job_id names the job), or the"
                          + " idempotency key came with another request (IDEMPOTENCY_KEY_REUSED)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocumentation.WEBHOOK_DELIVERY_NOT_FOUND,
                  description = "No such webhook delivery (WEBHOOK_DELIVERY_NOT_FOUND)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocumentation.WEBHOOK_DELIVERY_IN_FLIGHT,
                  description = "An attempt is in flight (WEBHOOK_DELIVERY_IN_FLIGHT)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocumentation.UNAUTHENTICATED,
                  description =
                      "No bearer token, or one that is malformed, badly signed, expired, or for"
                          + " another issuer or audience (UNAUTHENTICATED)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocumentation.FORBIDDEN,
                  description = "The token lacks the role, or names no tenant (FORBIDDEN)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class))),
              @APIResponse(
                  name = ApiDocumentation.RATE_LIMITED,
                  description =
                      "The tenant is over its request rate; see Retry-After (RATE_LIMITED)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class)))
            }))
package io.ormcalc.api;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
