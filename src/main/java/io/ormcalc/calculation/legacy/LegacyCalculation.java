package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.PreparedCalculation;
import java.util.function.Supplier;

/** A prepared Basel II calculation: fixed rule set, no parameters. */
record LegacyCalculation(Object parameters, Supplier<Object> run) implements PreparedCalculation {

  @Override
  public String ruleSet() {
    return LegacyRules.RULE_SET;
  }

  @Override
  public Object calculate(CalculationContext context) {
    context.checkCancelled();
    return run.get();
  }
}
