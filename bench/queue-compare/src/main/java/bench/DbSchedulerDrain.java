package bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.legacy.BiaInput;
import io.ormcalc.calculation.legacy.BiaModel;
import io.ormcalc.calculation.legacy.NoParameters;
import io.ormcalc.calculation.legacy.YearAmount;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * db-scheduler on the same PostgreSQL burning N one-time tasks that wait in its table, with the
 * same BIA calculation as the engine's jobs: the peer of the engine's drain. The tasks are inserted
 * by SQL before the scheduler starts; the rate is counted from the first to the last task's end.
 * Polling is db-scheduler's lock-and-fetch (FOR UPDATE SKIP LOCKED), its fastest on PostgreSQL.
 * Usage: DbSchedulerDrain jdbcUrl user [tasks=50000] [threads=8].
 */
public final class DbSchedulerDrain {

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    HikariDataSource dataSource = DbSchedulerBench.freshTable(url, user, threads);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version,"
              + " priority) select 'bia', 'job-' || i, now(), false, 1, 0"
              + " from generate_series(1, "
              + tasks
              + ") as i");
      s.execute("vacuum analyze scheduled_tasks");
    }
    BiaModel model = new BiaModel();
    BiaInput input =
        new BiaInput(
            "EUR",
            AmountUnit.MILLION,
            List.of(
                new YearAmount(2022, new BigDecimal("130")),
                new YearAmount(2023, new BigDecimal("-60")),
                new YearAmount(2024, new BigDecimal("230"))));
    CountDownLatch done = new CountDownLatch(tasks);
    AtomicLong first = new AtomicLong();
    AtomicLong last = new AtomicLong();
    AtomicLong checksum = new AtomicLong();
    OneTimeTask<Void> task =
        Tasks.oneTime("bia")
            .execute(
                (instance, context) -> {
                  Object result =
                      model
                          .prepare(input, new NoParameters(), LocalDate.of(2024, 12, 31))
                          .calculate(CalculationContext.NONE);
                  checksum.addAndGet(result.hashCode());
                  long now = System.nanoTime();
                  first.compareAndSet(0, now);
                  last.set(now);
                  done.countDown();
                });
    Scheduler scheduler =
        Scheduler.create(dataSource, task)
            .threads(threads)
            .pollUsingLockAndFetch(0.5, 1.0)
            .pollingInterval(Duration.ofMillis(100))
            .build();
    long start = System.nanoTime();
    scheduler.start();
    done.await();
    double steady = (last.get() - first.get()) / 1e9;
    double all = (last.get() - start) / 1e9;
    System.out.printf(
        "db-scheduler 16.7.1 drain: %d tasks, %d threads, lock-and-fetch: %.1f s from the first to"
            + " the last end: %.0f tasks/s (%.0f/s from start)%n",
        tasks, threads, steady, tasks / steady, tasks / all);
    scheduler.stop();
    dataSource.close();
    System.exit(0);
  }

  private DbSchedulerDrain() {}
}
