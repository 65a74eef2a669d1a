package io.ormcalc.calculation.legacy;

import java.util.List;

/** Outstanding loans and advances (gross, not risk-weighted) of the two ASA lines, by year. */
public record LoansAndAdvances(
    List<YearAmount> retailBanking, List<YearAmount> commercialBanking) {}
