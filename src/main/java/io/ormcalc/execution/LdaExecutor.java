package io.ormcalc.execution;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads Monte Carlo simulations run their chunks on: one pool for the whole replica, sized by
 * {@code ormcalc.lda.threads} (default: the machine's processors), shared by every LDA job, so
 * however many jobs the dispatcher runs at once they never use more cores than that.
 */
@ApplicationScoped
public class LdaExecutor {

  private final int threads;
  private final ExecutorService pool;

  public LdaExecutor(
      @ConfigProperty(name = "ormcalc.lda.threads") java.util.Optional<Integer> configured) {
    this.threads = Math.max(1, configured.orElse(Runtime.getRuntime().availableProcessors()));
    AtomicInteger count = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "lda-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public ExecutorService pool() {
    return pool;
  }

  public int threads() {
    return threads;
  }

  void stop(@Observes ShutdownEvent event) {
    pool.shutdownNow();
  }
}
