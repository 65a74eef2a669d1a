package io.ormcalc.calculation.lda;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.CalculationModel;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.calculation.Rounding;
import io.ormcalc.calculation.Violations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.ToDoubleFunction;

/**
 * The Loss Distribution Approach: per unit of measure a frequency and a severity, a Monte Carlo
 * simulation of the annual loss ({@link LdaSimulation}), VaR and expected shortfall at the
 * confidence and at 0.99, 0.995, 0.999 and 0.9995, aggregated across units, with the single-loss
 * approximation beside it as an analytic cross-check. Amounts are rounded half-even to the cent of
 * the request's unit only when reported.
 */
public final class LdaModel implements CalculationModel<LdaInput, LdaParameters> {

  public static final long DEFAULT_SIMULATIONS = 1_000_000;
  public static final double DEFAULT_CONFIDENCE = 0.999;

  private final ChunkPool pool;

  /**
   * @param pool where the chunks of simulations run, the most urgent first
   */
  public LdaModel(ChunkPool pool) {
    this.pool = pool;
  }

  /**
   * @param executor where the chunks of a simulation run, in the order they come
   * @param parallelism how many chunks of one simulation may run at once
   */
  public LdaModel(Executor executor, int parallelism) {
    this(ChunkPool.of(executor, parallelism));
  }

  @Override
  public Class<LdaInput> inputType() {
    return LdaInput.class;
  }

  @Override
  public Class<LdaParameters> parametersType() {
    return LdaParameters.class;
  }

  @Override
  public PreparedCalculation prepare(
      LdaInput input, LdaParameters parameters, LocalDate calculationDate) {
    Violations v = new Violations();
    List<CompiledUnit> units = LdaValidator.validate(input, v);
    if (input.seed() != null
        && parameters.seed() != null
        && !input.seed().equals(parameters.seed())) {
      v.add("parameters.seed", "differs from inputs.seed; give the seed once");
    }
    v.throwIfAny();
    long seed =
        parameters.seed() != null
            ? parameters.seed()
            : input.seed() != null ? input.seed() : derivedSeed(input);
    long years = input.simulations() == null ? DEFAULT_SIMULATIONS : input.simulations();
    double confidence = input.confidence() == null ? DEFAULT_CONFIDENCE : input.confidence();
    String method = Aggregations.method(input.aggregation());
    double[][] correlation =
        Aggregations.GAUSSIAN_COPULA.equals(method)
            ? Aggregations.correlation(
                input.aggregation().correlation(), units.size(), new Violations())
            : null;
    double work = years * units.stream().mapToDouble(u -> 1 + u.frequency().mean()).sum();
    return new PreparedCalculation() {
      @Override
      public String ruleSet() {
        return "LDA";
      }

      @Override
      public Object parameters() {
        return new LdaParameters(seed);
      }

      @Override
      public double workUnits() {
        return Aggregations.GAUSSIAN_COPULA.equals(method) ? work * 1.5 : work;
      }

      @Override
      public long peakMemoryBytes() {
        return LdaSimulation.peakBytes(units.size(), method, years, confidence, pool.parallelism());
      }

      @Override
      public LdaResult calculate(CalculationContext context) {
        LdaSimulation.Output output =
            new LdaSimulation(pool)
                .run(units, method, correlation, years, confidence, seed, context);
        return result(input, units, output, method, years, confidence, seed);
      }
    };
  }

  private static LdaResult result(
      LdaInput input,
      List<CompiledUnit> units,
      LdaSimulation.Output output,
      String method,
      long years,
      double confidence,
      long seed) {
    AmountUnit unit = input.unit();
    double[] levels = output.levels();
    int at = java.util.Arrays.binarySearch(levels, confidence);
    List<LdaMeasures> unitMeasures = new ArrayList<>();
    double sumOfVars = 0;
    for (int u = 0; u < units.size(); u++) {
      CompiledUnit compiled = units.get(u);
      LdaSimulation.Series series = output.units().get(u);
      sumOfVars += series.vars()[at];
      unitMeasures.add(
          measures(
              compiled.name(),
              compiled.frequency().mean(),
              compiled.frequency().mean() * compiled.severity().mean(),
              series,
              SingleLossApproximation.of(compiled, confidence),
              at,
              unit));
    }
    LdaMeasures total;
    double totalVar;
    if (output.total() != null) {
      double sla =
          Aggregations.INDEPENDENT.equals(method)
              ? SingleLossApproximation.ofIndependent(units, confidence)
              : Double.NaN;
      total =
          measures(
              "total",
              sum(units, f -> f.frequency().mean()),
              analyticLoss(units),
              output.total(),
              sla,
              at,
              unit);
      totalVar = output.total().vars()[at];
    } else {
      total = comonotonicTotal(units, output, confidence, at, unit);
      totalVar = sumOfVars;
    }
    double benefit = sumOfVars - totalVar;
    return new LdaResult(
        input.currency(),
        unit,
        years,
        BigDecimal.valueOf(confidence),
        seed,
        units.size() == 1 ? "single_unit" : method,
        LdaResult.QUANTILE_DEFINITION,
        output.chunkSize(),
        total,
        money(sumOfVars, unit),
        money(benefit, unit),
        sumOfVars > 0
            ? BigDecimal.valueOf(benefit / sumOfVars).setScale(6, RoundingMode.HALF_EVEN)
            : BigDecimal.ZERO,
        unitMeasures);
  }

  /** Comonotonic units: every quantile, shortfall and mean adds up; estimation errors do not. */
  private static LdaMeasures comonotonicTotal(
      List<CompiledUnit> units,
      LdaSimulation.Output output,
      double confidence,
      int at,
      AmountUnit unit) {
    double[] levels = output.levels();
    double[] vars = new double[levels.length];
    double[] shortfalls = new double[levels.length];
    double expectedLoss = 0;
    double squaredErrors = 0;
    double sla = 0;
    for (int u = 0; u < units.size(); u++) {
      LdaSimulation.Series s = output.units().get(u);
      for (int i = 0; i < levels.length; i++) {
        vars[i] += s.vars()[i];
        shortfalls[i] += s.shortfalls()[i];
      }
      expectedLoss += s.expectedLoss();
      squaredErrors += s.varStandardError() * s.varStandardError();
      sla += SingleLossApproximation.of(units.get(u), confidence);
    }
    LdaSimulation.Series total =
        new LdaSimulation.Series(expectedLoss, levels, vars, shortfalls, Math.sqrt(squaredErrors));
    return measures(
        "total", sum(units, f -> f.frequency().mean()), analyticLoss(units), total, sla, at, unit);
  }

  private static LdaMeasures measures(
      String name,
      double frequency,
      double analyticLoss,
      LdaSimulation.Series s,
      double sla,
      int at,
      AmountUnit unit) {
    List<LdaLevel> levels = new ArrayList<>();
    for (int i = 0; i < s.levels().length; i++) {
      levels.add(
          new LdaLevel(
              BigDecimal.valueOf(s.levels()[i]),
              money(s.vars()[i], unit),
              money(s.shortfalls()[i], unit)));
    }
    return new LdaMeasures(
        name,
        Rounding.tidy(BigDecimal.valueOf(frequency)),
        money(analyticLoss, unit),
        money(s.expectedLoss(), unit),
        money(s.vars()[at], unit),
        money(s.shortfalls()[at], unit),
        money(s.vars()[at] - s.expectedLoss(), unit),
        money(s.varStandardError(), unit),
        money(sla, unit),
        levels);
  }

  private static double analyticLoss(List<CompiledUnit> units) {
    return sum(units, u -> u.frequency().mean() * u.severity().mean());
  }

  private static double sum(List<CompiledUnit> units, ToDoubleFunction<CompiledUnit> f) {
    return units.stream().mapToDouble(f).sum();
  }

  /** A simulated amount, rounded to the cent of the unit; null for an undefined figure. */
  private static BigDecimal money(double value, AmountUnit unit) {
    return Double.isFinite(value) ? Rounding.toCent(BigDecimal.valueOf(value), unit) : null;
  }

  /** A seed from the inputs themselves: equal inputs, equal numbers, even without a seed. */
  static long derivedSeed(LdaInput input) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(input.toString().getBytes(StandardCharsets.UTF_8));
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = (seed << 8) | (digest[i] & 0xff);
      }
      return seed;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
