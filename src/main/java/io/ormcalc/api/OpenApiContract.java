package io.ormcalc.api;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.legacy.BusinessLine;
import io.ormcalc.calculation.sma.IlmPolicy;
import io.ormcalc.calculation.sma.RuleSet;
import io.ormcalc.job.ExecutionMode;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.ModelName;
import io.ormcalc.job.Priority;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Completes the generated OpenAPI document where annotations cannot reach: the calculation package
 * carries no framework annotations, so its schemas get their descriptions here, and every enum is
 * listed by the wire codes clients send (its {@code toString()}), not by Java names. Every {@code
 * /api/v1} operation passes {@code Access.require}, so each gets the 401, 403 and 429 problems here
 * at once, unless it is marked {@value #PUBLIC} (then it needs no token: {@code security: []}).
 */
public class OpenApiContract implements OASFilter {

  /** The extension that marks an operation that needs no token. */
  static final String PUBLIC = "x-ormcalc-public";

  /** What {@code Access.require} answers, by status: the shared problem responses' names. */
  static final Map<String, String> ACCESS_PROBLEMS =
      Map.of(
          "401", ApiDocumentation.UNAUTHENTICATED,
          "403", ApiDocumentation.FORBIDDEN,
          "429", ApiDocumentation.RATE_LIMITED);

  static final Map<String, Class<? extends Enum<?>>> ENUMS =
      Map.of(
          "ModelName", ModelName.class,
          "ExecutionMode", ExecutionMode.class,
          "Priority", Priority.class,
          "JobState", JobStatus.class,
          "AmountUnit", AmountUnit.class,
          "RuleSet", RuleSet.class,
          "IlmPolicy", IlmPolicy.class,
          "BusinessLine", BusinessLine.class);

  static final Map<String, String> DESCRIPTIONS =
      Map.ofEntries(
          Map.entry("ModelName", "The calculation: sma, bia, tsa, asa or lda."),
          Map.entry("ExecutionMode", "sync, async or auto."),
          Map.entry("Priority", "Queue priority: urgent, high, normal or low."),
          Map.entry("JobState", "queued, running, completed, failed or cancelled."),
          Map.entry("AmountUnit", "Unit of every amount of the request and its result."),
          Map.entry("RuleSet", "Supervisory rule set: BCBS_2017, EU_CRR3 or RBI_2023."),
          Map.entry("IlmPolicy", "calculated (OPE25.8) or one (national discretion)."),
          Map.entry("BusinessLine", "One of the eight Basel II business lines."),
          Map.entry(
              "SmaInput", "sma inputs: three years of BI items and optionally the loss history."),
          Map.entry("SmaParameters", "sma parameters; each defaults to the rule set's value."),
          Map.entry(
              "SmaResult", "Basel III standardised approach result with every intermediate value."),
          Map.entry(
              "BusinessIndicatorYear", "One financial year of Business Indicator items (OPE10)."),
          Map.entry("AnnualLoss", "A year's net operational-risk loss."),
          Map.entry("LossEvent", "One loss event of the internal loss data set."),
          Map.entry("YearlyBusinessIndicator", "A year's BI items with the absolute net values."),
          Map.entry("BusinessIndicatorAverages", "Three-year averages of the BI items."),
          Map.entry("BicSlice", "The part of the BI in one bucket and its BIC contribution."),
          Map.entry("LossComponent", "The loss history as used and the Loss Component (OPE25.8)."),
          Map.entry("LossYear", "One year of the loss history as used."),
          Map.entry("LossEventTally", "How many loss events were counted and why others were not."),
          Map.entry("BiaInput", "bia inputs: three years of gross income."),
          Map.entry("BiaResult", "Basic Indicator Approach result."),
          Map.entry("TsaInput", "tsa inputs: gross income by business line."),
          Map.entry(
              "AsaInput", "asa inputs: gross income by line, loans and advances for two lines."),
          Map.entry(
              "StandardisedResult", "Standardised (tsa) or Alternative Standardised (asa) result."),
          Map.entry("YearAmount", "An amount for one year."),
          Map.entry("BusinessLineIncome", "Three years of gross income of one business line."),
          Map.entry("LoansAndAdvances", "Loans and advances of retail and commercial banking."),
          Map.entry("GrossIncomeYear", "A year of gross income and whether BIA used it."),
          Map.entry("LineCharge", "A business line's beta and yearly charges."),
          Map.entry("LineYear", "One business line in one year."),
          Map.entry("YearlyCharge", "A year's charge over all lines, and floored at zero."),
          Map.entry("JobError", "Why a job failed."),
          Map.entry(
              "LdaInput",
              "lda inputs: units of measure, simulated years, confidence, seed, aggregation."),
          Map.entry("LdaParameters", "lda parameters: the seed (recorded in lineage as used)."),
          Map.entry("UnitOfMeasure", "A unit of measure: a frequency and a severity."),
          Map.entry(
              "FrequencySpec", "poisson (lambda) or negative_binomial (r, p; numpy's convention)."),
          Map.entry(
              "SeveritySpec",
              "lognormal (mu, sigma), gpd (xi, beta, threshold), weibull (shape, scale) or spliced."),
          Map.entry(
              "AggregationSpec",
              "comonotonic (default), independent, or gaussian_copula with a correlation matrix."),
          Map.entry(
              "LdaResult",
              "Loss Distribution Approach result: per unit and total, with the seed used."),
          Map.entry("LdaMeasures", "Risk measures of a unit or of the total."),
          Map.entry("LdaLevel", "VaR and expected shortfall at one confidence level."),
          Map.entry("AttemptError", "One failed attempt of a job."));

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getPaths() != null && openApi.getPaths().getPathItems() != null) {
      openApi
          .getPaths()
          .getPathItems()
          .forEach(
              (path, item) -> {
                if (path.startsWith("/api/v1/")) {
                  item.getOperations().values().forEach(OpenApiContract::documentAccess);
                }
              });
    }
    if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
      return;
    }
    openApi
        .getComponents()
        .getSchemas()
        .forEach(
            (name, schema) -> {
              Class<? extends Enum<?>> type = ENUMS.get(name);
              if (type != null) {
                schema.setEnumeration(codes(type));
              }
              if (schema.getDescription() == null && DESCRIPTIONS.containsKey(name)) {
                schema.setDescription(DESCRIPTIONS.get(name));
              }
            });
  }

  private static void documentAccess(Operation operation) {
    if (operation.getExtensions() != null && operation.getExtensions().containsKey(PUBLIC)) {
      operation.removeExtension(PUBLIC);
      operation.setSecurity(new ArrayList<>());
      return;
    }
    ACCESS_PROBLEMS.forEach(
        (status, name) -> {
          if (operation.getResponses().getAPIResponse(status) == null) {
            operation
                .getResponses()
                .addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
          }
        });
  }

  private static List<Object> codes(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(Object::toString)
        .map(Object.class::cast)
        .toList();
  }
}
