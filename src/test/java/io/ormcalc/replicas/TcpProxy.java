package io.ormcalc.replicas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay on loopback between the service and PostgreSQL: {@link #stop()} makes the database
 * vanish for the service (listener closed, every connection cut) without touching the server that
 * other tests share; {@link #start()} brings it back on the same port.
 */
final class TcpProxy implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private volatile ServerSocket server;
  private int port;

  TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  int port() {
    return port;
  }

  /** A relay in front of the database's server, started. */
  static TcpProxy inFrontOf(ChaosDatabase db) throws IOException {
    Matcher target = HOST_PORT.matcher(db.url);
    if (!target.find()) {
      throw new IllegalArgumentException("no host and port in " + db.url);
    }
    TcpProxy proxy = new TcpProxy(target.group(1), Integer.parseInt(target.group(2)));
    proxy.start();
    return proxy;
  }

  /** The database's settings for a replica, its URL pointing at this relay. */
  Map<String, String> environmentFor(ChaosDatabase db) {
    Map<String, String> environment = new HashMap<>(db.environment());
    environment.put(
        "QUARKUS_DATASOURCE_JDBC_URL",
        db.url.replace(targetHost + ":" + targetPort, "127.0.0.1:" + port));
    return environment;
  }

  private static final Pattern HOST_PORT = Pattern.compile("//([^:/]+):(\\d+)/");

  synchronized void start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress("127.0.0.1", port));
    port = socket.getLocalPort();
    server = socket;
    threads.execute(() -> accept(socket));
  }

  synchronized void stop() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException cut) {
      // one side closed or the proxy stopped
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() throws IOException {
    stop();
    threads.shutdownNow();
  }
}
