package io.ormcalc.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Mints bearer tokens for tests with the test key pair (src/test/resources/jwt), as an identity
 * provider would: issuer, audience, subject, expiry, the {@code groups} claim (roles) and the
 * {@code tenant} claim. The variants are the tokens a resource server must refuse.
 */
public final class Tokens {

  public static final String ISSUER = "https://issuer.test.ormcalc";
  public static final String AUDIENCE = "ormcalc-api";
  public static final String PUBLIC_KEY = "jwt/publicKey.pem";
  private static final PrivateKey KEY = readPrivateKey("jwt/privateKey.pem");

  private Tokens() {}

  /** A valid token for {@code subject} of {@code tenant} with these roles. */
  public static String token(String subject, String tenant, String... roles) {
    return claims(subject, tenant, roles).sign(KEY);
  }

  /** The {@code Authorization} header value of {@link #token}. */
  public static String bearer(String subject, String tenant, String... roles) {
    return "Bearer " + token(subject, tenant, roles);
  }

  /** A valid {@code Authorization} header value that stays valid for {@code lifetime}. */
  public static String bearerFor(
      java.time.Duration lifetime, String subject, String tenant, String... roles) {
    return "Bearer "
        + claims(subject, tenant, roles).expiresAt(Instant.now().plus(lifetime)).sign(KEY);
  }

  public static String expired(String subject, String tenant, String... roles) {
    Instant now = Instant.now();
    return claims(subject, tenant, roles)
        .issuedAt(now.minusSeconds(3600))
        .expiresAt(now.minusSeconds(120))
        .sign(KEY);
  }

  public static String fromIssuer(String issuer, String subject, String tenant, String... roles) {
    return claims(subject, tenant, roles).issuer(issuer).sign(KEY);
  }

  public static String forAudience(
      String audience, String subject, String tenant, String... roles) {
    return claims(subject, tenant, roles).audience(audience).sign(KEY);
  }

  /** Well formed, but signed with a key the service does not know. */
  public static String signedByAnotherKey(String subject, String tenant, String... roles) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return claims(subject, tenant, roles).sign(generator.generateKeyPair().getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String withoutTenant(String subject, String... roles) {
    return claims(subject, null, roles).sign(KEY);
  }

  private static JwtClaimsBuilder claims(String subject, String tenant, String... roles) {
    Instant now = Instant.now();
    JwtClaimsBuilder builder =
        Jwt.issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(subject)
            .upn(subject)
            .groups(Set.of(roles))
            .issuedAt(now)
            .expiresAt(now.plusSeconds(600));
    return tenant == null ? builder : builder.claim("tenant", tenant);
  }

  private static PrivateKey readPrivateKey(String resource) {
    try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream(resource)) {
      String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      byte[] der =
          Base64.getMimeDecoder()
              .decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").trim());
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
