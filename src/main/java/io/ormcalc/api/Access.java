package io.ormcalc.api;

import io.ormcalc.security.Caller;
import io.ormcalc.security.RateLimiter;
import io.ormcalc.security.Role;
import io.ormcalc.security.SecurityConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The door of every API operation: who calls (the verified bearer token), for which tenant, whether
 * the token's roles allow the operation, and whether the tenant is within its rate limit.
 *
 * <p>Operations call {@link #require} first. A missing or invalid token is answered 401, a token
 * without the role or without a tenant 403, a tenant over its limit 429 with {@code Retry-After} —
 * all as problem details. With authentication off (outside production only) every caller acts for
 * the default tenant with every role.
 */
@RequestScoped
public class Access {

  static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final Set<String> ALL_ROLES =
      Arrays.stream(Role.values()).map(Role::group).collect(Collectors.toUnmodifiableSet());

  private final SecurityIdentity identity;
  private final SecurityConfig config;
  private final RateLimiter limiter;
  private final CurrentVertxRequest request;
  private Caller caller;

  public Access(
      SecurityIdentity identity,
      SecurityConfig config,
      RateLimiter limiter,
      CurrentVertxRequest request) {
    this.identity = identity;
    this.config = config;
    this.limiter = limiter;
    this.request = request;
  }

  /**
   * The caller, if it holds any one of {@code roles}.
   *
   * @throws ProblemException 401, 403 or 429
   */
  public Caller require(Role... roles) {
    Caller current = caller();
    if (Arrays.stream(roles).noneMatch(current::has)) {
      throw new ProblemException(
          Problem.of(
              403,
              "FORBIDDEN",
              "Forbidden",
              "This operation needs the role "
                  + Arrays.stream(roles).map(Role::group).collect(Collectors.joining(" or "))
                  + "."));
    }
    Optional<Duration> wait = limiter.acquire(current.tenant());
    if (wait.isPresent()) {
      long seconds = Math.max(1, (long) Math.ceil(wait.get().toMillis() / 1000.0));
      throw new ProblemException(
          Problem.of(
              429,
              "RATE_LIMITED",
              "Too many requests",
              "The tenant's request rate is over its limit; retry after " + seconds + " s."),
          Map.of("Retry-After", Long.toString(seconds)));
    }
    return current;
  }

  /**
   * When the caller's token expires; empty with authentication off. Call after {@link #require}.
   */
  public Optional<Instant> tokenExpiry() {
    return identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0
        ? Optional.of(Instant.ofEpochSecond(token.getExpirationTime()))
        : Optional.empty();
  }

  /** Whether tokens are verified (false only outside production). */
  public boolean authenticationEnabled() {
    return config.authEnabled();
  }

  private Caller caller() {
    if (caller == null) {
      caller = resolve();
    }
    return caller;
  }

  private Caller resolve() {
    String address = clientAddress();
    if (!config.authEnabled()) {
      return new Caller("anonymous", config.defaultTenant(), ALL_ROLES, address);
    }
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      throw unauthenticated("A bearer token is required.");
    }
    Object claim = token.getClaim(config.tenantClaim());
    String tenant =
        claim instanceof JsonString text
            ? text.getString()
            : claim instanceof String text ? text : null; // a number or object is no tenant
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      throw new ProblemException(
          Problem.of(
              403,
              "FORBIDDEN",
              "Forbidden",
              "The token names no valid tenant (claim " + config.tenantClaim() + ")."));
    }
    String subject = token.getSubject() != null ? token.getSubject() : token.getName();
    return new Caller(subject == null ? "unknown" : subject, tenant, identity.getRoles(), address);
  }

  static ProblemException unauthenticated(String detail) {
    return new ProblemException(
        Problem.of(401, "UNAUTHENTICATED", "Unauthenticated", detail),
        Map.of("WWW-Authenticate", "Bearer"));
  }

  private String clientAddress() {
    try {
      SocketAddress remote = request.getCurrent().request().remoteAddress();
      return remote == null ? null : remote.hostAddress();
    } catch (RuntimeException noRequest) {
      return null;
    }
  }
}
