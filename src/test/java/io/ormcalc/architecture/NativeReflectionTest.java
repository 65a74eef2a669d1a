package io.ormcalc.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ormcalc.json.NativeReflection;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NativeReflectionTest {

  @Test
  void every_public_record_and_enum_of_the_calculation_package_is_registered_for_reflection() {
    Set<String> registered =
        Arrays.stream(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets())
            .map(Class::getName)
            .collect(Collectors.toSet());
    Set<String> needed =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ormcalc.calculation")
                .stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.isNestedClass())
                .filter(c -> c.isRecord() || c.isEnum())
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
    assertThat(registered).containsAll(needed);
  }
}
