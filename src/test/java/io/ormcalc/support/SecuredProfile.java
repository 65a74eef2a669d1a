package io.ormcalc.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service as in production: bearer tokens required (verified against the test key pair), rate
 * limits on, 1 s of clock skew allowed (0 would mean the default, 60 s). Tenant {@code throttled}
 * may send 1 request per second (burst 2).
 */
public class SecuredProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "ormcalc.security.auth-enabled", "true",
        "mp.jwt.verify.publickey.location", Tokens.PUBLIC_KEY,
        "mp.jwt.verify.issuer", Tokens.ISSUER,
        "mp.jwt.verify.audiences", Tokens.AUDIENCE,
        "mp.jwt.verify.clock.skew", "1",
        "ormcalc.security.rate-limit.enabled", "true",
        "ormcalc.security.rate-limit.requests-per-second", "10000",
        "ormcalc.security.rate-limit.burst", "20000",
        "ormcalc.security.rate-limit.tenants.throttled", "1");
  }
}
