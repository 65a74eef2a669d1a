package io.ormcalc.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs messages as the Standard Webhooks specification says: {@code v1,} followed by the base64 of
 * HMAC-SHA256 over {@code "<webhook-id>.<webhook-timestamp>.<body>"}, keyed with the decoded
 * secret. During a rotation both secrets sign and the header carries both signatures, separated by
 * a space, the current one first. The body signed is the byte array sent, never a re-encoding.
 */
public final class WebhookSigner {

  private final List<SecretKeySpec> keys = new ArrayList<>();

  public WebhookSigner(SigningSecret current, SigningSecret previous) {
    keys.add(new SecretKeySpec(current.key(), "HmacSHA256"));
    if (previous != null) {
      keys.add(new SecretKeySpec(previous.key(), "HmacSHA256"));
    }
  }

  /** The {@code webhook-signature} header value for this message and attempt. */
  public String signature(String messageId, long timestampSeconds, byte[] body) {
    byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder();
    for (SecretKeySpec key : keys) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        mac.update(prefix);
        byte[] digest = mac.doFinal(body);
        if (header.length() > 0) {
          header.append(' ');
        }
        header.append("v1,").append(Base64.getEncoder().encodeToString(digest));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      }
    }
    return header.toString();
  }
}
