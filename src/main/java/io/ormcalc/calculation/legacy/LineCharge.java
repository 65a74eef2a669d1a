package io.ormcalc.calculation.legacy;

import java.math.BigDecimal;
import java.util.List;

/** A business line's beta and yearly charges; basis is gross_income or loans_and_advances. */
public record LineCharge(BusinessLine line, BigDecimal beta, String basis, List<LineYear> years) {}
