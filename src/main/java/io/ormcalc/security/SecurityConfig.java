package io.ormcalc.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * Who may call the API. Token verification itself is configured with the standard MicroProfile JWT
 * properties ({@code mp.jwt.verify.publickey.location}, {@code mp.jwt.verify.issuer}, {@code
 * mp.jwt.verify.audiences}; env {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} and so on).
 */
@ConfigMapping(prefix = "ormcalc.security")
public interface SecurityConfig {

  /**
   * Whether the API requires a bearer token (env {@code AUTH_ENABLED}, default true). False is
   * refused in production; without authentication every caller acts for {@code default-tenant} with
   * every role, which is logged loudly at start.
   */
  @WithDefault("true")
  boolean authEnabled();

  /**
   * The token claim that names the caller's tenant (env {@code AUTH_TENANT_CLAIM}, default tenant).
   */
  @WithDefault("tenant")
  String tenantClaim();

  /** The tenant of every caller while authentication is off (default {@code default}). */
  @WithDefault("default")
  String defaultTenant();

  RateLimit rateLimit();

  TokenCache tokenCache();

  /**
   * Verified bearer tokens remembered so that a client's next requests skip the signature check
   * (see {@link VerifiedTokenCache}): a token is remembered until its expiry, at most {@code
   * max-age}.
   */
  interface TokenCache {

    /**
     * Tokens remembered at most, least recently used dropped first (default 10000, about 10 MB; 0
     * verifies every request in full).
     */
    @WithDefault("10000")
    long size();

    /**
     * Longest a token is remembered after its verification, whatever its expiry (default 5 min): a
     * token signed by a key since withdrawn is refused at most this long after the key went.
     */
    @WithDefault("5m")
    Duration maxAge();
  }

  /**
   * Requests per tenant, per replica: a token bucket refilled at {@code requests-per-second} and
   * holding at most {@code burst}. A tenant over its limit is answered 429 with {@code
   * Retry-After}.
   */
  interface RateLimit {

    /** Whether requests are limited (env {@code RATE_LIMIT_ENABLED}, default true). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Sustained requests per second per tenant (env {@code RATE_LIMIT_PER_SECOND}, default 100).
     */
    @WithDefault("100")
    double requestsPerSecond();

    /** Requests a tenant may send at once after a quiet period (default 200). */
    @WithDefault("200")
    int burst();

    /**
     * Per-tenant sustained rates that replace the default, e.g. {@code
     * ormcalc.security.rate-limit.tenants.bank-a=500}; the burst scales with them.
     */
    Map<String, Double> tenants();
  }
}
