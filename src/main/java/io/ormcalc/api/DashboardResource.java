package io.ormcalc.api;

import io.ormcalc.security.Caller;
import io.ormcalc.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the operations dashboard needs beside the jobs API: who signed in, sign-in, live events. */
@Path("/api/v1")
@Tag(name = "Dashboard", description = "Sign-in settings, the caller's session and live events")
public class DashboardResource {

  private final Access access;
  private final LiveUpdates live;
  private final DashboardConfig config;

  public DashboardResource(Access access, LiveUpdates live, DashboardConfig config) {
    this.access = access;
    this.live = live;
    this.config = config;
  }

  /** How the page signs in; public (it holds no secret). */
  @Schema(name = "DashboardSettings")
  public record Settings(
      @Schema(description = "Whether bearer tokens are required") boolean authenticationEnabled,
      @Schema(description = "Sign-in by redirect; null when only a pasted token is accepted")
          Oidc oidc) {}

  /** A public OAuth 2.0 client (authorization code with PKCE). */
  @Schema(name = "DashboardOidc")
  public record Oidc(
      String authorizationEndpoint,
      String tokenEndpoint,
      String clientId,
      String scope,
      String audience) {}

  /** The caller as the service sees it. */
  @Schema(name = "Session")
  public record Session(
      String subject,
      String tenantId,
      @Schema(description = "The caller's roles among calc:submit, calc:read, calc:admin")
          List<String> roles,
      @Schema(description = "Whether the caller reads every tenant's jobs") boolean allTenants,
      boolean authenticationEnabled,
      @Schema(description = "When the token expires; null with authentication off")
          Instant tokenExpiresAt) {}

  @GET
  @Path("/dashboard/settings")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Dashboard sign-in settings", description = "Public: no token needed.")
  @Extension(name = OpenApiContract.PUBLIC, value = "true")
  @APIResponse(
      responseCode = "200",
      description = "The settings",
      content = @Content(schema = @Schema(implementation = Settings.class)))
  public Settings settings() {
    DashboardConfig.Oidc oidc = config.oidc();
    boolean redirect =
        oidc.authorizationEndpoint().isPresent()
            && oidc.tokenEndpoint().isPresent()
            && oidc.clientId().isPresent();
    return new Settings(
        access.authenticationEnabled(),
        redirect
            ? new Oidc(
                oidc.authorizationEndpoint().get(),
                oidc.tokenEndpoint().get(),
                oidc.clientId().get(),
                oidc.scope(),
                oidc.audience().orElse(null))
            : null);
  }

  @GET
  @Path("/session")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The caller", description = "Subject, tenant and roles of the token.")
  @APIResponse(
      responseCode = "200",
      description = "The session",
      content = @Content(schema = @Schema(implementation = Session.class)))
  public Session session() {
    Caller caller = access.require(Role.values());
    return new Session(
        caller.subject(),
        caller.tenant(),
        Arrays.stream(Role.values()).filter(caller::has).map(Role::group).toList(),
        caller.isAdmin(),
        access.authenticationEnabled(),
        access.tokenExpiry().orElse(null));
  }

  @GET
  @Path("/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Live job events",
      description =
          "Server-Sent Events: hello; jobs (the jobs that were created, changed status or reported"
              + " progress, on any replica: job_id, tenant_id, status, progress_percentage,"
              + " model_name, entity_id, priority, attempts); statistics (as the statistics"
              + " endpoint); resync (read your view afresh: changes may have been missed);"
              + " reauthenticate (the token expired; the stream ends). Only the caller's tenant's"
              + " jobs, every tenant's for calc:admin. Send the bearer token in the Authorization"
              + " header (read the stream with fetch).")
  @APIResponse(responseCode = "200", description = "The event stream")
  @APIResponse(responseCode = "503", description = "This replica serves its maximum of streams")
  public void events(@Context SseEventSink sink, @Context Sse sse, @Context UriInfo uri) {
    Caller caller = access.require(Role.READ, Role.ADMIN);
    List<FieldError> errors = new ArrayList<>();
    QueryValues.onlyKnown(uri, Set.of(), errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(ProblemMappers.validation(errors));
    }
    live.open(caller.readScope(), access.tokenExpiry().orElse(null), sink, sse);
  }
}
