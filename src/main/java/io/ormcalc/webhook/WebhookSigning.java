package io.ormcalc.webhook;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's signer, built from {@code WEBHOOK_SIGNING_SECRET} (and {@code
 * WEBHOOK_SIGNING_SECRET_PREVIOUS} during a rotation) when the service starts: a missing or
 * malformed secret stops the start with a message saying what to set, rather than the first webhook
 * failing hours later. Dev and test profiles configure a fixed, public secret.
 */
@Startup
@ApplicationScoped
public class WebhookSigning {

  private final WebhookSigner signer;

  public WebhookSigning(WebhookConfig config) {
    String current =
        config
            .signingSecret()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "WEBHOOK_SIGNING_SECRET is required: set it to whsec_ followed by the"
                            + " base64 of 24 to 64 random bytes, e.g. whsec_$(head -c 32"
                            + " /dev/urandom | base64)"));
    SigningSecret previous =
        config
            .signingSecretPrevious()
            .map(s -> SigningSecret.parse(s, "WEBHOOK_SIGNING_SECRET_PREVIOUS"))
            .orElse(null);
    this.signer =
        new WebhookSigner(SigningSecret.parse(current, "WEBHOOK_SIGNING_SECRET"), previous);
  }

  public WebhookSigner signer() {
    return signer;
  }
}
