package io.ormcalc.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.ormcalc.metrics.Metrics;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer-token verification that is not repeated in full for a token already verified: the JWT
 * parser of the service, remembering each verified token until it expires.
 *
 * <p>It wraps SmallRye's {@link DefaultJWTParser} (same context, same principal factory) and
 * replaces it as the service's {@link JWTParser}: only {@link #parse(String)}, the form the bearer
 * token mechanism uses, is remembered.
 *
 * <p>Why: verifying an RS256 token (Base64 and JSON parsing, the RSA signature, claim checks) was
 * about 40 % of the CPU of a status read (issue 15's profile). A client sends the same token on
 * every request for its lifetime, so the verified claims are remembered, keyed by the token's
 * SHA-256 (a lookup compares digests, not the token text, so its timing says nothing about a
 * remembered token).
 *
 * <p>What stays true: a token is accepted from memory only before its {@code exp}, and no longer
 * than {@code ormcalc.security.token-cache.max-age} after it was verified (which bounds how long a
 * token signed by a withdrawn key stays accepted); a token that fails verification is never
 * remembered, so it is refused every time. At most {@code size} tokens are held (least recently
 * used go first); size 0 verifies every request in full.
 */
@Startup
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

  private final JWTParser parser;
  private final Cache<ByteBuffer, JsonWebToken> verified;

  public VerifiedTokenCache(
      SecurityConfig config,
      Metrics metrics,
      JWTAuthContextInfo context,
      JWTCallerPrincipalFactory principals) {
    this.parser = new DefaultJWTParser(context, principals);
    SecurityConfig.TokenCache settings = config.tokenCache();
    long maxAgeNanos = settings.maxAge().toNanos();
    this.verified =
        Caffeine.newBuilder()
            .maximumSize(settings.size())
            .expireAfter(
                Expiry.<ByteBuffer, JsonWebToken>creating(
                    (key, token) -> lifetime(token, maxAgeNanos)))
            .recordStats()
            .build();
    metrics.tokenVerifications(
        verified, cache -> cache.stats().missCount(), cache -> cache.stats().hitCount());
  }

  /** The verified token, from memory when it was verified before and has not expired. */
  @Override
  public JsonWebToken parse(String bearerToken) throws ParseException {
    ByteBuffer key = digest(bearerToken);
    JsonWebToken known = verified.getIfPresent(key);
    if (known != null) {
      return known;
    }
    JsonWebToken token = parser.parse(bearerToken); // throws when the token is not valid
    if (token.getExpirationTime() > 0) {
      verified.put(key, token);
    }
    return token;
  }

  // the other forms (a given context, key or secret, decryption, parsing alone) are not cached

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return parser.parse(token, context);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    return parser.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    return parser.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    return parser.verify(token, secret);
  }

  @Override
  public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
    return parser.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    return parser.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    return parser.decrypt(token, secret);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return parser.parseOnly(token);
  }

  /** Until the token's expiry, and at most max-age. */
  private static Duration lifetime(JsonWebToken token, long maxAgeNanos) {
    long untilExpiry =
        Duration.ofSeconds(token.getExpirationTime())
            .minusMillis(System.currentTimeMillis())
            .toNanos();
    return Duration.ofNanos(Math.max(0, Math.min(untilExpiry, maxAgeNanos)));
  }

  private static ByteBuffer digest(String token) {
    try {
      return ByteBuffer.wrap(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java runtime has SHA-256", impossible);
    }
  }
}
