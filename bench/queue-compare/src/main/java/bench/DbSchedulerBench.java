package bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.sma.AnnualLoss;
import io.ormcalc.calculation.sma.BusinessIndicatorYear;
import io.ormcalc.calculation.sma.SmaInput;
import io.ormcalc.calculation.sma.SmaModel;
import io.ormcalc.calculation.sma.SmaParameters;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * db-scheduler 16 on the same PostgreSQL, running the same SMA calculation as the engine's jobs:
 * enqueue-to-start latency of one-time tasks on an idle scheduler, and the throughput of 10,000
 * tasks. Usage: DbSchedulerBench jdbcUrl user [threads=5] [pollingMillis=100].
 */
public final class DbSchedulerBench {

  static final ConcurrentHashMap<String, Long> SCHEDULED = new ConcurrentHashMap<>();
  static final List<Long> LATENCIES = java.util.Collections.synchronizedList(new ArrayList<>());
  static volatile CountDownLatch done;
  static final AtomicLong CHECKSUM = new AtomicLong();

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long pollingMillis = args.length > 3 ? Long.parseLong(args[3]) : 100;
    HikariDataSource dataSource = freshTable(url, user, threads);
    SmaModel model = new SmaModel();
    SmaInput input = smaInput();
    SmaParameters parameters = new SmaParameters(null, null, null, null, null, null);
    OneTimeTask<Void> task =
        Tasks.oneTime("sma").execute(
            (instance, context) -> {
              Long at = SCHEDULED.remove(instance.getId());
              if (at != null) {
                LATENCIES.add(System.nanoTime() - at);
              }
              Object result =
                  model.prepare(input, parameters, LocalDate.of(2024, 12, 31)).calculate(CalculationContext.NONE);
              CHECKSUM.addAndGet(result.hashCode());
              CountDownLatch latch = done;
              if (latch != null) {
                latch.countDown();
              }
            });
    Scheduler scheduler =
        Scheduler.create(dataSource, task)
            .threads(threads)
            .pollingInterval(Duration.ofMillis(pollingMillis))
            .enableImmediateExecution()
            .registerShutdownHook()
            .build();
    scheduler.start();

    // enqueue-to-start on an idle scheduler: one task at a time
    for (int i = 0; i < 700; i++) {
      String id = "lat-" + i;
      SCHEDULED.put(id, System.nanoTime());
      scheduler.schedule(task.instance(id), Instant.now());
      Thread.sleep(20);
    }
    Thread.sleep(2000);
    List<Long> sorted = new ArrayList<>(LATENCIES.subList(200, LATENCIES.size())); // after warm-up
    sorted.sort(Long::compare);
    System.out.printf(
        "db-scheduler 16.7.1 (%d threads, polling %d ms, immediate execution): enqueue-to-start p50 %.2f ms, p99 %.2f ms (%d tasks)%n",
        threads, pollingMillis, sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.size());

    // throughput: 10,000 tasks scheduled at once, until the last has run
    done = new CountDownLatch(10_000);
    long start = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      scheduler.schedule(task.instance("job-" + i), Instant.now());
    }
    double enqueued = (System.nanoTime() - start) / 1e9;
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "db-scheduler throughput: 10000 tasks enqueued in %.1f s, all run %.1f s after the first: %.0f tasks/s%n",
        enqueued, seconds, 10_000 / seconds);
    scheduler.stop();
    dataSource.close();
    System.exit(0);
  }

  /** A pool for {@code threads} scheduler threads, on db-scheduler's table created afresh. */
  static HikariDataSource freshTable(String url, String user, int threads)
      throws java.sql.SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(threads + 5);
    HikariDataSource dataSource = new HikariDataSource(config);
    createTable(dataSource);
    return dataSource;
  }

  /** db-scheduler's table for PostgreSQL, as its documentation gives it, created afresh. */
  private static void createTable(javax.sql.DataSource dataSource) throws java.sql.SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists scheduled_tasks");
      s.execute(
          "create table scheduled_tasks (task_name text not null, task_instance text not null,"
              + " task_data bytea, execution_time timestamp with time zone not null,"
              + " picked boolean not null, picked_by text, last_success timestamp with time zone,"
              + " last_failure timestamp with time zone, consecutive_failures int,"
              + " last_heartbeat timestamp with time zone, version bigint not null,"
              + " priority smallint, primary key (task_name, task_instance))");
      s.execute("create index execution_time_idx on scheduled_tasks (execution_time)");
      s.execute("create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
      s.execute("create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
    }
  }

  static SmaInput smaInput() {
    List<BusinessIndicatorYear> years = new ArrayList<>();
    for (int y = 2022; y <= 2024; y++) {
      years.add(
          new BusinessIndicatorYear(
              y, bd(1200 + 100 * (y - 2022)), bd(700 + 50 * (y - 2022)), bd(40000), bd(10), bd(400), bd(150),
              bd(50), bd(60), bd(90), bd(-20)));
    }
    List<AnnualLoss> losses = new ArrayList<>();
    for (int y = 2015; y <= 2024; y++) {
      losses.add(new AnnualLoss(y, bd(10 + y % 7)));
    }
    return new SmaInput("EUR", AmountUnit.MILLION, years, losses, null, null);
  }

  static BigDecimal bd(int value) {
    return BigDecimal.valueOf(value);
  }

  private DbSchedulerBench() {}
}
