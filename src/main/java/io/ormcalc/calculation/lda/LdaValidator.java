package io.ormcalc.calculation.lda;

import io.ormcalc.calculation.Currencies;
import io.ormcalc.calculation.Violations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an {@link LdaInput} and compiles its units into samplers. Bounds keep every request finite
 * in time and memory: at most {@value #MAX_UNITS} units, {@value #MIN_SIMULATIONS} to {@value
 * #MAX_SIMULATIONS} years, a mean frequency of at most {@value #MAX_MEAN_FREQUENCY} losses a year
 * per unit.
 */
final class LdaValidator {

  static final int MAX_UNITS = 20;
  static final long MIN_SIMULATIONS = 10_000;
  static final long MAX_SIMULATIONS = 200_000_000;
  static final double MAX_MEAN_FREQUENCY = 10_000;
  static final double MIN_CONFIDENCE = 0.9;
  static final double MAX_CONFIDENCE = 0.9999;

  /** Simulated years × mean losses a year, summed over units: about 100 s of one core at most. */
  static final double MAX_WORK = 2e10;

  private LdaValidator() {}

  static List<CompiledUnit> validate(LdaInput input, Violations v) {
    Currencies.check("inputs.currency", input.currency(), v);
    if (input.simulations() != null
        && (input.simulations() < MIN_SIMULATIONS || input.simulations() > MAX_SIMULATIONS)) {
      v.add("inputs.simulations", "must be from 10000 to 200000000 years");
    }
    if (input.confidence() != null
        && !(input.confidence() >= MIN_CONFIDENCE && input.confidence() <= MAX_CONFIDENCE)) {
      v.add("inputs.confidence", "must be from 0.9 to 0.9999");
    }
    List<CompiledUnit> units = new ArrayList<>();
    List<UnitOfMeasure> given = input.unitsOfMeasure();
    if (!v.required("inputs.units_of_measure", given)) {
      return units;
    }
    if (given.isEmpty() || given.size() > MAX_UNITS) {
      v.add("inputs.units_of_measure", "must list 1 to " + MAX_UNITS + " units of measure");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String at = "inputs.units_of_measure[" + i + "]";
      UnitOfMeasure unit = given.get(i);
      if (!v.required(at, unit)) {
        continue;
      }
      if (v.required(at + ".name", unit.name())) {
        if (unit.name().isBlank() || unit.name().length() > 100) {
          v.add(at + ".name", "must be 1 to 100 characters");
        } else if (!names.add(unit.name())) {
          v.add(at + ".name", "repeats the name of an earlier unit: " + unit.name());
        }
      }
      Frequency frequency = frequency(at + ".frequency", unit.frequency(), v);
      Severity severity = severity(at + ".severity", unit.severity(), v);
      if (frequency != null && severity != null) {
        units.add(new CompiledUnit(unit.name(), frequency, severity));
      }
    }
    Aggregations.validate(input.aggregation(), given.size(), v);
    long years = input.simulations() == null ? LdaModel.DEFAULT_SIMULATIONS : input.simulations();
    double losses = units.stream().mapToDouble(u -> u.frequency().mean()).sum();
    if (years * losses > MAX_WORK) {
      v.add(
          "inputs.simulations",
          "simulations × the mean number of losses a year (all units) must be at most 2e10; this"
              + " request needs "
              + String.format(java.util.Locale.ROOT, "%.2e", years * losses));
    }
    return units;
  }

  private static Frequency frequency(String at, FrequencySpec spec, Violations v) {
    if (!v.required(at, spec) || !v.required(at + ".type", spec.type())) {
      return null;
    }
    Frequency frequency =
        switch (spec.type()) {
          case "poisson" ->
              positive(at + ".lambda", spec.lambda(), v)
                  ? new Frequency.Poisson(spec.lambda())
                  : null;
          case "negative_binomial" -> {
            boolean ok = positive(at + ".r", spec.r(), v);
            if (v.required(at + ".p", spec.p()) && !(spec.p() > 0 && spec.p() <= 1)) {
              v.add(at + ".p", "must be greater than 0 and at most 1");
              ok = false;
            }
            yield ok && spec.p() != null
                ? new Frequency.NegativeBinomial(spec.r(), spec.p())
                : null;
          }
          default -> {
            v.add(at + ".type", "must be one of: poisson, negative_binomial");
            yield null;
          }
        };
    if (frequency != null && frequency.mean() > MAX_MEAN_FREQUENCY) {
      v.add(at, "the mean number of losses a year must be at most " + (int) MAX_MEAN_FREQUENCY);
      return null;
    }
    return frequency;
  }

  private static Severity severity(String at, SeveritySpec s, Violations v) {
    if (!v.required(at, s) || !v.required(at + ".type", s.type())) {
      return null;
    }
    return switch (s.type()) {
      case "lognormal" -> lognormal(at, s, v);
      case "gpd" -> gpd(at, s, s.threshold() == null ? 0.0 : s.threshold(), v);
      case "weibull" ->
          positive(at + ".shape", s.shape(), v) & positive(at + ".scale", s.scale(), v)
              ? new Severity.Weibull(s.shape(), s.scale())
              : null;
      case "spliced" -> spliced(at, s, v);
      default -> {
        v.add(at + ".type", "must be one of: lognormal, gpd, weibull, spliced");
        yield null;
      }
    };
  }

  private static Severity.Lognormal lognormal(String at, SeveritySpec s, Violations v) {
    boolean ok = v.required(at + ".mu", s.mu());
    if (ok && !(Math.abs(s.mu()) <= 50)) {
      v.add(at + ".mu", "must be between -50 and 50 (it is the mean of ln X)");
      ok = false;
    }
    ok &= positive(at + ".sigma", s.sigma(), v);
    if (ok && s.sigma() > 10) {
      v.add(at + ".sigma", "must be at most 10");
      ok = false;
    }
    return ok ? new Severity.Lognormal(s.mu(), s.sigma()) : null;
  }

  private static Severity.Gpd gpd(String at, SeveritySpec s, double threshold, Violations v) {
    boolean ok = positive(at + ".beta", s.beta(), v);
    if (v.required(at + ".xi", s.xi()) && !(s.xi() < 1 && s.xi() > -10)) {
      v.add(
          at + ".xi",
          "must be below 1: the expected loss and the single-loss approximation need a finite mean");
      ok = false;
    }
    if (!(threshold >= 0 && threshold < 1e15)) {
      v.add(at + ".threshold", "must be 0 or more");
      ok = false;
    }
    return ok && s.xi() != null ? new Severity.Gpd(s.xi(), s.beta(), threshold) : null;
  }

  private static Severity spliced(String at, SeveritySpec s, Violations v) {
    Severity.Lognormal body = lognormal(at, s, v);
    boolean thresholdOk = positive(at + ".threshold", s.threshold(), v);
    Severity.Gpd tail = thresholdOk ? gpd(at, s, s.threshold(), v) : null;
    if (body == null || tail == null) {
      return null;
    }
    double tailProbability =
        s.tailProbability() != null ? s.tailProbability() : 1 - body.cdf(s.threshold());
    if (!(tailProbability > 0 && tailProbability < 1) || body.cdf(s.threshold()) < 1e-12) {
      v.add(
          at + ".tail_probability",
          "must lie strictly between 0 and 1, with body mass below the threshold");
      return null;
    }
    return new Severity.Spliced(body, s.threshold(), tail, tailProbability);
  }

  private static boolean positive(String field, Double value, Violations v) {
    if (!v.required(field, value)) {
      return false;
    }
    if (!(value > 0) || value.isInfinite()) {
      v.add(field, "must be greater than 0");
      return false;
    }
    return true;
  }
}
