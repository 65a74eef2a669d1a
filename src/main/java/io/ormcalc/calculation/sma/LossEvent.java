package io.ormcalc.calculation.sma;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One operational-risk loss event of the internal loss data set.
 *
 * @param accountingDate the date the loss was booked; it decides the year (OPE25 uses the date of
 *     accounting)
 * @param recoveriesReceived recoveries actually received; only these reduce the loss
 * @param creditRelated a loss already captured in credit RWA; left out of the loss component
 * @param excluded removed from the data set with the supervisor's approval
 */
public record LossEvent(
    String eventId,
    LocalDate accountingDate,
    BigDecimal grossLoss,
    BigDecimal recoveriesReceived,
    Boolean creditRelated,
    Boolean excluded) {}
