package io.ormcalc.calculation;

/**
 * One thing wrong with a calculation's input.
 *
 * @param field the JSON path of the offending value, e.g. {@code
 *     inputs.business_indicator[1].interest_earning_assets}
 * @param message what is wrong, in words a client can act on
 */
public record InputViolation(String field, String message) {}
