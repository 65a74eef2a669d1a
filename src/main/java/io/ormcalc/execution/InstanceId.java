package io.ormcalc.execution;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name this replica writes into the leases it holds. On Kubernetes the default, the host name,
 * is the pod name: a container restarted in the same pod recognises its own jobs at once.
 */
@ApplicationScoped
public class InstanceId {

  private final String id;

  public InstanceId(ExecutionConfig config) {
    this.id = config.instanceId().filter(s -> !s.isBlank()).orElseGet(InstanceId::hostName);
  }

  public String get() {
    return id;
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "replica-" + ProcessHandle.current().pid();
    }
  }
}
