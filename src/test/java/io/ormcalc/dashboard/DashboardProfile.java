package io.ormcalc.dashboard;

import io.ormcalc.support.FakeIdentityProvider;
import io.ormcalc.support.SecuredProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The service as in production (tokens required) with sign-in by redirect configured against a
 * {@link FakeIdentityProvider} on a port chosen here and published in the system property {@value
 * #IDP_PORT} (the test starts the provider on it).
 */
public class DashboardProfile extends SecuredProfile {

  static final String IDP_PORT = "ormcalc.test.idp-port";

  @Override
  public Map<String, String> getConfigOverrides() {
    String idp = "http://127.0.0.1:" + idpPort();
    Map<String, String> config = new HashMap<>(super.getConfigOverrides());
    config.put("ormcalc.dashboard.oidc.authorization-endpoint", idp + "/authorize");
    config.put("ormcalc.dashboard.oidc.token-endpoint", idp + "/token");
    config.put("ormcalc.dashboard.oidc.client-id", FakeIdentityProvider.CLIENT_ID);
    return config;
  }

  static synchronized int idpPort() {
    String port = System.getProperty(IDP_PORT);
    if (port == null) {
      try (ServerSocket socket = new ServerSocket(0)) {
        port = Integer.toString(socket.getLocalPort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.setProperty(IDP_PORT, port);
    }
    return Integer.parseInt(port);
  }
}
