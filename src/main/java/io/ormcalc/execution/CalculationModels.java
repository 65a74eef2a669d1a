package io.ormcalc.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.calculation.CalculationModel;
import io.ormcalc.calculation.InputViolation;
import io.ormcalc.calculation.InvalidInputException;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.calculation.lda.LdaModel;
import io.ormcalc.calculation.legacy.AsaModel;
import io.ormcalc.calculation.legacy.BiaModel;
import io.ormcalc.calculation.legacy.TsaModel;
import io.ormcalc.calculation.sma.SmaModel;
import io.ormcalc.job.ModelName;
import io.ormcalc.json.JsonErrors;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The calculation models by name, and the step from a request's JSON {@code inputs} and {@code
 * parameters} to a validated {@link PreparedCalculation}.
 */
@Singleton
public class CalculationModels {

  private final Map<ModelName, CalculationModel<?, ?>> models = new EnumMap<>(ModelName.class);
  private final ObjectMapper mapper;

  public CalculationModels(ObjectMapper mapper, LdaExecutor lda) {
    this.mapper = mapper;
    models.put(ModelName.LDA, new LdaModel(lda));
    models.put(ModelName.SMA, new SmaModel());
    models.put(ModelName.BIA, new BiaModel());
    models.put(ModelName.TSA, new TsaModel());
    models.put(ModelName.ASA, new AsaModel());
  }

  public boolean isAvailable(ModelName model) {
    return models.containsKey(model);
  }

  /**
   * Reads and validates the request's inputs and parameters for the model.
   *
   * @throws InvalidInputException with JSON paths rooted at {@code inputs} or {@code parameters}
   */
  public PreparedCalculation prepare(
      ModelName model, JsonNode inputs, JsonNode parameters, LocalDate calculationDate) {
    CalculationModel<?, ?> calculation = models.get(model);
    if (calculation == null) {
      throw new InvalidInputException(
          List.of(new InputViolation("model_name", model + " is not available in this version")));
    }
    return prepare(calculation, inputs, parameters, calculationDate);
  }

  private <I, P> PreparedCalculation prepare(
      CalculationModel<I, P> model, JsonNode inputs, JsonNode parameters, LocalDate date) {
    I input = read("inputs", inputs, model.inputType());
    P params =
        read(
            "parameters",
            parameters == null || parameters.isNull() ? mapper.createObjectNode() : parameters,
            model.parametersType());
    return model.prepare(input, params, date);
  }

  private <T> T read(String field, JsonNode node, Class<T> type) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(List.of(new InputViolation(field, "must be an object")));
    }
    try {
      return mapper.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(List.of(JsonErrors.toViolation(field, e)));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(List.of(new InputViolation(field, "is not valid")));
    }
  }
}
