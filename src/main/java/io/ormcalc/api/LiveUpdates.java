package io.ormcalc.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.ormcalc.execution.InstanceId;
import io.ormcalc.job.JobFeed;
import io.ormcalc.notify.Channels;
import io.ormcalc.notify.Listening;
import io.ormcalc.notify.PgNotification;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The live streams of the operations dashboard: every replica forwards the database's job
 * announcements ({@link PgNotification} on {@code ormcalc_job_changed}, from any replica) to its
 * own Server-Sent Event streams, each filtered to what its caller may read (its tenant; every
 * tenant for administrators).
 *
 * <p>Events: {@code hello} once; {@code jobs} with the changed jobs (the first change at once, the
 * ones that follow within {@link DashboardConfig#coalesce()} together, the latest state of each job
 * only); {@code statistics} (the same document as the statistics endpoint) at most every {@link
 * DashboardConfig#statisticsInterval()} while the caller's jobs change and every {@link
 * DashboardConfig#statisticsRefresh()} otherwise; {@code resync} when announcements may have been
 * lost (the listening connection was re-opened), so the page reads its view afresh; {@code
 * reauthenticate} when the token expires, after which the stream ends. One thread sends all events,
 * so a stream's events never interleave; a stream whose client is gone is dropped at its next send.
 */
@ApplicationScoped
public class LiveUpdates {

  private static final Logger LOG = Logger.getLogger(LiveUpdates.class);

  private final QueueSnapshot snapshot;
  private final JobFeed feed;
  private final ObjectMapper mapper;
  private final DashboardConfig config;
  private final InstanceId instance;
  private final Map<Long, Stream> streams = new ConcurrentHashMap<>();
  private final Set<String> changedTenants = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private volatile ScheduledExecutorService sender;

  public LiveUpdates(
      QueueSnapshot snapshot,
      JobFeed feed,
      ObjectMapper mapper,
      DashboardConfig config,
      InstanceId instance,
      MeterRegistry registry) {
    this.snapshot = snapshot;
    this.feed = feed;
    this.mapper = mapper;
    this.config = config;
    this.instance = instance;
    registry.gauge("ormcalc_dashboard_streams", streams, Map::size);
  }

  void start(@Observes StartupEvent event) {
    sender =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "dashboard-live-updates");
              thread.setDaemon(true);
              return thread;
            });
    long tick = config.statisticsInterval().toMillis();
    sender.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    ScheduledExecutorService running = sender;
    if (running != null) {
      running.shutdownNow();
    }
    streams.values().forEach(stream -> stream.sink.close());
    streams.clear();
  }

  /** Streams open on this replica. */
  public int openStreams() {
    return streams.size();
  }

  /**
   * Opens a stream for a caller.
   *
   * @param scope the tenant whose jobs the caller may read; null for every tenant
   * @param expiresAt when the caller's token expires (the stream ends then); null for never
   * @throws ProblemException 503 when this replica already serves its maximum of streams
   */
  public void open(String scope, Instant expiresAt, SseEventSink sink, Sse sse) {
    if (streams.size() >= config.maxStreams()) {
      throw new ProblemException(
          Problem.of(
              503,
              "TOO_MANY_STREAMS",
              "Too many live streams",
              "This replica serves its maximum of "
                  + config.maxStreams()
                  + " live streams (DASHBOARD_MAX_STREAMS); retry later."),
          Map.of("Retry-After", "30"));
    }
    Stream stream = new Stream(ids.incrementAndGet(), scope, expiresAt, sink, sse);
    streams.put(stream.id, stream);
    Map<String, Object> hello = new LinkedHashMap<>();
    hello.put("stream_id", stream.id);
    hello.put("replica", instance.get());
    hello.put("tenant_id", scope);
    hello.put("token_expires_at", expiresAt == null ? null : expiresAt.toString());
    hello.put("coalesce_ms", config.coalesce().toMillis());
    execute(
        () -> {
          send(stream, "hello", hello);
          sendStatistics(List.of(stream), scope);
        });
  }

  /** Jobs changed on any replica ("id:status" items): forwarded if a stream is open here. */
  void changed(@Observes PgNotification notification) {
    if (!notification.is(Channels.JOB_CHANGED) || streams.isEmpty()) {
      return; // no stream open here: nothing to read
    }
    List<String> ids = new ArrayList<>();
    for (String item : notification.payload().split(",")) {
      int colon = item.indexOf(':');
      String id = colon < 0 ? item : item.substring(0, colon);
      if (!id.isBlank()) {
        ids.add(id);
      }
    }
    execute(() -> forward(ids, notification.receivedAtMillis()));
  }

  /** The listening connection reopened: what was announced meanwhile is lost; streams resync. */
  void missed(@Observes Listening listening) {
    if (!streams.isEmpty()) {
      execute(() -> streams.values().forEach(stream -> send(stream, "resync", Map.of())));
    }
  }

  /** Reads the changed jobs' rows (one query) and hands each to the streams that may see it. */
  private void forward(List<String> jobIds, long receivedAtMillis) {
    List<String> rows;
    try {
      rows = feed.rows(jobIds);
    } catch (RuntimeException e) {
      LOG.warnf("dashboard: could not read announced jobs (%s); streams resync", e.getMessage());
      streams.values().forEach(stream -> send(stream, "resync", Map.of()));
      return;
    }
    for (String row : rows) {
      ObjectNode job;
      try {
        job = (ObjectNode) mapper.readTree(row);
      } catch (JsonProcessingException | ClassCastException e) {
        LOG.warnf("dashboard: unreadable job row ignored (%s)", e.getMessage());
        continue;
      }
      job.put("announced_at", receivedAtMillis);
      String tenant = job.path("tenant_id").asText();
      String id = job.path("job_id").asText();
      changedTenants.add(tenant);
      for (Stream stream : streams.values()) {
        if (stream.scope == null || stream.scope.equals(tenant)) {
          stream.add(id, job);
        }
      }
    }
  }

  private void flush(Stream stream) {
    List<JsonNode> jobs = stream.drain();
    if (!jobs.isEmpty()) {
      Map<String, Object> batch = new LinkedHashMap<>();
      batch.put("jobs", jobs);
      batch.put("sent_at", System.currentTimeMillis());
      send(stream, "jobs", batch);
    }
  }

  /** Statistics where jobs changed (or the refresh is due), heartbeats, expired tokens. */
  private void tick() {
    try {
      long now = System.nanoTime();
      Instant wallClock = Instant.now();
      Set<String> changed = new HashSet<>(changedTenants);
      changedTenants.removeAll(changed);
      Map<String, List<Stream>> due = new LinkedHashMap<>();
      for (Stream stream : streams.values()) {
        if (stream.expiresAt != null && !wallClock.isBefore(stream.expiresAt)) {
          send(stream, "reauthenticate", Map.of("reason", "the token expired"));
          close(stream);
          continue;
        }
        boolean sawChange =
            stream.scope == null ? !changed.isEmpty() : changed.contains(stream.scope);
        if (sawChange || now - stream.lastStatistics >= config.statisticsRefresh().toNanos()) {
          due.computeIfAbsent(stream.scope == null ? "" : stream.scope, s -> new ArrayList<>())
              .add(stream);
        } else if (now - stream.lastSend >= config.heartbeat().toNanos()) {
          sendRaw(stream, stream.sse.newEventBuilder().comment("keep-alive").build());
        }
      }
      due.forEach((scope, group) -> sendStatistics(group, scope.isEmpty() ? null : scope));
    } catch (RuntimeException e) {
      LOG.warnf("dashboard: live update tick failed (%s)", e.toString());
    }
  }

  private void sendStatistics(List<Stream> group, String scope) {
    QueueStatistics statistics;
    try {
      statistics = snapshot.read(scope);
    } catch (RuntimeException e) {
      LOG.warnf("dashboard: statistics not read (%s); next tick retries", e.getMessage());
      return;
    }
    long now = System.nanoTime();
    for (Stream stream : group) {
      stream.lastStatistics = now;
      send(stream, "statistics", statistics);
    }
  }

  private void send(Stream stream, String name, Object data) {
    String json;
    try {
      json = mapper.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      LOG.warnf("dashboard: %s event not serialised (%s)", name, e.getMessage());
      return;
    }
    sendRaw(stream, stream.sse.newEventBuilder().name(name).data(json).build());
  }

  private void sendRaw(Stream stream, jakarta.ws.rs.sse.OutboundSseEvent event) {
    if (stream.sink.isClosed()) {
      streams.remove(stream.id);
      return;
    }
    stream.lastSend = System.nanoTime();
    try {
      stream
          .sink
          .send(event)
          .whenComplete(
              (ignored, failure) -> {
                if (failure != null) {
                  close(stream);
                }
              });
    } catch (RuntimeException gone) {
      close(stream);
    }
  }

  private void close(Stream stream) {
    streams.remove(stream.id);
    try {
      stream.sink.close();
    } catch (RuntimeException alreadyClosed) {
      // the client went away first
    }
  }

  private void execute(Runnable task) {
    schedule(task, 0);
  }

  /** Runs the task on the sending thread after the delay; nothing once the service stops. */
  private void schedule(Runnable task, long delayNanos) {
    ScheduledExecutorService running = sender;
    if (running != null && !running.isShutdown()) {
      running.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** One client's stream and the changes not yet sent to it. */
  private final class Stream {

    final long id;
    final String scope;
    final Instant expiresAt;
    final SseEventSink sink;
    final Sse sse;
    private final Map<String, JsonNode> pending = new LinkedHashMap<>();
    private boolean flushScheduled;
    private long lastFlush = System.nanoTime() - config.coalesce().toNanos();
    volatile long lastSend = System.nanoTime();
    volatile long lastStatistics = System.nanoTime();

    Stream(long id, String scope, Instant expiresAt, SseEventSink sink, Sse sse) {
      this.id = id;
      this.scope = scope;
      this.expiresAt = expiresAt;
      this.sink = sink;
      this.sse = sse;
    }

    /** Keeps the latest state of the job; schedules a flush unless one is scheduled. */
    synchronized void add(String jobId, JsonNode job) {
      pending.remove(jobId);
      pending.put(jobId, job);
      if (!flushScheduled) {
        flushScheduled = true;
        schedule(
            () -> flush(this),
            Math.max(0, lastFlush + config.coalesce().toNanos() - System.nanoTime()));
      }
    }

    synchronized List<JsonNode> drain() {
      List<JsonNode> jobs = new ArrayList<>(pending.values());
      pending.clear();
      flushScheduled = false;
      lastFlush = System.nanoTime();
      return jobs;
    }
  }
}
