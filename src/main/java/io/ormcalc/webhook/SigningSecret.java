package io.ormcalc.webhook;

import java.util.Arrays;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of 24 to 64 random
 * bytes (the specification's recommended sizes). The key never appears in {@link #toString()}.
 */
public final class SigningSecret {

  static final String PREFIX = "whsec_";
  static final int MIN_BYTES = 24;
  static final int MAX_BYTES = 64;

  private final byte[] key;

  private SigningSecret(byte[] key) {
    this.key = key;
  }

  /**
   * Parses {@code whsec_<base64>}.
   *
   * @throws IllegalArgumentException naming what is wrong, never echoing the secret
   */
  public static SigningSecret parse(String text, String name) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException(name + " must have the form whsec_<base64>");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.substring(PREFIX.length()).trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not valid base64 after whsec_");
    }
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          name + " must hold " + MIN_BYTES + " to " + MAX_BYTES + " bytes, not " + key.length);
    }
    return new SigningSecret(key);
  }

  byte[] key() {
    return Arrays.copyOf(key, key.length);
  }

  @Override
  public String toString() {
    return "SigningSecret[whsec_***]";
  }
}
