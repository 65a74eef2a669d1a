package io.ormcalc.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal OAuth 2.0 authorization server on loopback for the dashboard's sign-in by redirect:
 * {@code /authorize} consents at once and redirects back with a code; {@code /token} trades the
 * code for a bearer token only with the right client, redirect URI and PKCE verifier (S256), as a
 * real provider does. The tokens are signed with the test key pair ({@link Tokens}).
 */
public final class FakeIdentityProvider implements AutoCloseable {

  public static final String CLIENT_ID = "ormcalc-dashboard";

  private record Grant(String redirectUri, String challenge) {}

  private final HttpServer server;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final String subject;
  private final String tenant;
  private final String[] roles;

  private FakeIdentityProvider(HttpServer server, String subject, String tenant, String[] roles) {
    this.server = server;
    this.subject = subject;
    this.tenant = tenant;
    this.roles = roles;
  }

  /** Starts on {@code port} (0: any) and signs users in as {@code subject} of {@code tenant}. */
  public static FakeIdentityProvider start(int port, String subject, String tenant, String... roles)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    FakeIdentityProvider idp = new FakeIdentityProvider(server, subject, tenant, roles);
    server.createContext("/authorize", idp::authorize);
    server.createContext("/token", idp::token);
    server.start();
    return idp;
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Why token requests were refused, for assertions. */
  public List<String> refusals() {
    return refusals;
  }

  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    if (!CLIENT_ID.equals(query.get("client_id"))
        || !"code".equals(query.get("response_type"))
        || !"S256".equals(query.get("code_challenge_method"))
        || query.get("code_challenge") == null) {
      refusals.add("authorize: " + query);
      respond(exchange, 400, "text/plain", "bad authorization request");
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, new Grant(query.get("redirect_uri"), query.get("code_challenge")));
    exchange
        .getResponseHeaders()
        .add(
            "Location",
            query.get("redirect_uri")
                + "?code="
                + code
                + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void token(HttpExchange exchange) throws IOException {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null) {
      exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
    }
    Map<String, String> body =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Grant grant = codes.remove(String.valueOf(body.get("code")));
    if (grant == null
        || !"authorization_code".equals(body.get("grant_type"))
        || !CLIENT_ID.equals(body.get("client_id"))
        || !grant.redirectUri().equals(body.get("redirect_uri"))
        || !grant.challenge().equals(s256(body.get("code_verifier")))) {
      refusals.add("token: " + body.keySet());
      respond(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
      return;
    }
    respond(
        exchange,
        200,
        "application/json",
        "{\"access_token\":\""
            + Tokens.token(subject, tenant, roles)
            + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
  }

  private static String s256(String verifier) {
    if (verifier == null) {
      return "";
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  private static void respond(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
