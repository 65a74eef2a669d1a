package io.ormcalc.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start a production service that would not check tokens: authentication switched off,
 * or no key, issuer or audience to verify tokens against. Outside production, running without
 * authentication is allowed and said loudly.
 */
@ApplicationScoped
public class SecurityStartupCheck {

  private static final Logger LOG = Logger.getLogger(SecurityStartupCheck.class);

  private final SecurityConfig config;
  private final Optional<String> keyLocation;
  private final Optional<String> key;
  private final Optional<String> issuer;
  private final Optional<String> audiences;

  public SecurityStartupCheck(
      SecurityConfig config,
      @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
      @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> key,
      @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
      @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<String> audiences) {
    this.config = config;
    this.keyLocation = keyLocation;
    this.key = key;
    this.issuer = issuer;
    this.audiences = audiences;
  }

  void check(@Observes StartupEvent event) {
    List<String> problems = problems(LaunchMode.current() == LaunchMode.NORMAL);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start without token verification: " + String.join("; ", problems));
    }
    if (!config.authEnabled()) {
      LOG.warn(
          "*** AUTHENTICATION IS OFF: every caller acts for tenant '"
              + config.defaultTenant()
              + "' with every role. Never run like this with real data. ***");
    }
  }

  List<String> problems(boolean production) {
    List<String> problems = new ArrayList<>();
    if (!production) {
      return problems;
    }
    if (!config.authEnabled()) {
      problems.add("AUTH_ENABLED=false is not allowed in production");
      return problems;
    }
    if (keyLocation.isEmpty() && key.isEmpty()) {
      problems.add("set MP_JWT_VERIFY_PUBLICKEY_LOCATION (the issuer's public key or JWKS URL)");
    }
    if (issuer.isEmpty()) {
      problems.add("set MP_JWT_VERIFY_ISSUER");
    }
    if (audiences.isEmpty()) {
      problems.add("set MP_JWT_VERIFY_AUDIENCES");
    }
    return problems;
  }
}
