package io.ormcalc.job;

import jakarta.persistence.AttributeConverter;
import java.util.Arrays;

/** Stores an enum as its lower-case wire code, the value the schema's CHECK constraints list. */
abstract class WireCodeConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

  private final Class<E> type;

  WireCodeConverter(Class<E> type) {
    this.type = type;
  }

  @Override
  public String convertToDatabaseColumn(E value) {
    return value == null ? null : value.toString();
  }

  @Override
  public E convertToEntityAttribute(String code) {
    if (code == null) {
      return null;
    }
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.toString().equals(code))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("unknown " + type.getSimpleName() + " " + code));
  }

  @jakarta.persistence.Converter
  static final class Status extends WireCodeConverter<JobStatus> {
    Status() {
      super(JobStatus.class);
    }
  }

  @jakarta.persistence.Converter
  static final class Model extends WireCodeConverter<ModelName> {
    Model() {
      super(ModelName.class);
    }
  }

  @jakarta.persistence.Converter
  static final class Mode extends WireCodeConverter<ExecutionMode> {
    Mode() {
      super(ExecutionMode.class);
    }
  }

  @jakarta.persistence.Converter
  static final class Rank extends WireCodeConverter<Priority> {
    Rank() {
      super(Priority.class);
    }
  }
}
