package io.ormcalc.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Guards every body before it is parsed: applies {@link BodySizeLimit} to bodies that arrive
 * without a Content-Length, and accepts UTF-8 only (RFC 8259 §8.1) — a declared charset other than
 * UTF-8, or a body in UTF-16 or UTF-32 (which the JSON parser would otherwise detect and decode),
 * is refused, so that what is validated is exactly what was sent.
 */
@Provider
public class BodySizeInterceptor implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    String charset = type == null ? null : type.getParameters().get("charset");
    if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
      throw new ProblemException(
          Problem.of(
              415,
              "UNSUPPORTED_MEDIA_TYPE",
              "Unsupported media type",
              "JSON bodies must be UTF-8; charset=" + abbreviate(charset) + " is not accepted."));
    }
    context.setInputStream(utf8Only(BodySizeLimit.limit(context.getInputStream())));
    return context.proceed();
  }

  private static InputStream utf8Only(InputStream in) throws IOException {
    PushbackInputStream peek = new PushbackInputStream(in, 4);
    byte[] head = new byte[4];
    int n = peek.readNBytes(head, 0, 4);
    boolean utf16Bom =
        n >= 2
            && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE));
    boolean nul = false;
    for (int i = 0; i < n; i++) {
      nul |= head[i] == 0;
    }
    if (utf16Bom || nul) {
      throw new ProblemException(
          Problem.of(
              400, "MALFORMED_JSON", "Malformed JSON", "The body must be JSON encoded in UTF-8."));
    }
    peek.unread(head, 0, n);
    return peek;
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) : text;
  }
}
