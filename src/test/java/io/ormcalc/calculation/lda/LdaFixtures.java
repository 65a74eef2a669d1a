package io.ormcalc.calculation.lda;

import io.ormcalc.calculation.CalculationContext;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Builders of LDA inputs for tests. */
final class LdaFixtures {

  static final LocalDate DATE = LocalDate.of(2024, 12, 31);
  static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          r -> {
            Thread t = new Thread(r, "lda-test");
            t.setDaemon(true);
            return t;
          });

  private LdaFixtures() {}

  static UnitOfMeasure poissonLognormal(String name, double lambda, double mu, double sigma) {
    return new UnitOfMeasure(
        name,
        new FrequencySpec("poisson", lambda, null, null),
        new SeveritySpec("lognormal", mu, sigma, null, null, null, null, null, null));
  }

  static LdaInput input(
      List<UnitOfMeasure> units, long years, Long seed, AggregationSpec aggregation) {
    return new LdaInput("EUR", null, units, years, null, seed, aggregation);
  }

  static LdaResult run(LdaInput input, int threads) {
    return (LdaResult)
        new LdaModel(POOL, threads)
            .prepare(input, new LdaParameters(null), DATE)
            .calculate(CalculationContext.NONE);
  }

  static LdaLevel level(LdaMeasures measures, String confidence) {
    return measures.levels().stream()
        .filter(l -> l.confidence().compareTo(new java.math.BigDecimal(confidence)) == 0)
        .findFirst()
        .orElseThrow();
  }
}
