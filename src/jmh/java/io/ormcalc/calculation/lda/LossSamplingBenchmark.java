package io.ormcalc.calculation.lda;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Loss samples per second on one core: the engine's hot loop for Poisson(λ = 10) frequency and
 * lognormal(μ = 10, σ = 2) severity, 65,536 simulated years per invocation (one chunk).
 * Throughput is reported per simulated loss (one severity draw, its share of the frequency draw
 * and of the annual sum).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LossSamplingBenchmark {

  static final int YEARS = 65_536;
  static final int EXPECTED_LOSSES = YEARS * 10;

  private final CompiledUnit unit =
      new CompiledUnit("bench", new Frequency.Poisson(10), new Severity.Lognormal(10, 2));
  private final double[] losses = new double[YEARS];
  private long chunk;

  @Setup
  public void setUp() {
    chunk = 0;
  }

  @Benchmark
  @OperationsPerInvocation(EXPECTED_LOSSES)
  public double lognormalLossesPerSecond() {
    SplittableRandom random = Streams.of(42, chunk++, 0);
    LdaSimulation.simulate(unit, random, losses, YEARS);
    return losses[YEARS - 1];
  }
}
