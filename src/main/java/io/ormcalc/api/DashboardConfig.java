package io.ormcalc.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The operations dashboard served at {@code /} and its live stream ({@code /api/v1/events}). The
 * environment variables named here are part of the service's contract (README, Configuration).
 */
@ConfigMapping(prefix = "ormcalc.dashboard")
public interface DashboardConfig {

  /** Live streams this replica serves at most (env {@code DASHBOARD_MAX_STREAMS}, default 200). */
  @WithDefault("200")
  int maxStreams();

  /**
   * The shortest time between two batches of job changes sent to one stream: the first change is
   * sent at once, the changes that follow within this time are sent together (default 250 ms).
   */
  @WithDefault("250ms")
  Duration coalesce();

  /** How often the queue overview is sent while the caller's jobs change (default 1 s). */
  @WithDefault("1s")
  Duration statisticsInterval();

  /** The overview is sent at least this often even when nothing changes (default 10 s). */
  @WithDefault("10s")
  Duration statisticsRefresh();

  /** A comment line keeps idle streams open through proxies (default every 15 s). */
  @WithDefault("15s")
  Duration heartbeat();

  /** Sign-in by OpenID Connect redirect (authorization code with PKCE); off when not set. */
  Oidc oidc();

  /** A public OAuth 2.0 client of the identity provider, for the dashboard's sign-in button. */
  interface Oidc {

    /** env {@code DASHBOARD_OIDC_AUTHORIZATION_ENDPOINT} */
    Optional<String> authorizationEndpoint();

    /** env {@code DASHBOARD_OIDC_TOKEN_ENDPOINT}; must allow the dashboard's origin (CORS) */
    Optional<String> tokenEndpoint();

    /** env {@code DASHBOARD_OIDC_CLIENT_ID} */
    Optional<String> clientId();

    /** env {@code DASHBOARD_OIDC_SCOPE}, default {@code openid} */
    @WithDefault("openid")
    String scope();

    /** env {@code DASHBOARD_OIDC_AUDIENCE}: sent as {@code audience} where the provider needs it */
    Optional<String> audience();
  }
}
