package io.ormcalc.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests in k8s/ parse, describe the service as it is (every probe path answers,
 * every environment variable is one the service reads) and keep the promises the README makes
 * (graceful shutdown fits the grace period, pods run locked down).
 */
@QuarkusTest
class KubernetesManifestsQuarkusTest {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static List<JsonNode> manifests() throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("k8s"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
          YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
      }
    }
    return documents;
  }

  static JsonNode kind(String kind) throws IOException {
    return manifests().stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in k8s/"));
  }

  @Test
  void every_manifest_parses_and_names_its_kind() throws IOException {
    List<JsonNode> documents = manifests();
    assertThat(documents).hasSizeGreaterThanOrEqualTo(8);
    assertThat(documents)
        .allSatisfy(
            d -> {
              assertThat(d.path("apiVersion").asText()).isNotBlank();
              assertThat(d.path("kind").asText()).isNotBlank();
              assertThat(d.path("metadata").path("name").asText()).isNotBlank();
            });
    assertThat(documents.stream().map(d -> d.path("kind").asText()))
        .contains(
            "Deployment",
            "Service",
            "ConfigMap",
            "Secret",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
            "ScaledObject");
  }

  @Test
  void every_probe_path_in_the_manifests_answers_on_the_running_service() throws IOException {
    List<String> paths = new ArrayList<>();
    for (JsonNode document : manifests()) {
      document.findValues("httpGet").forEach(probe -> paths.add(probe.path("path").asText()));
    }
    assertThat(paths).contains("/q/health/live", "/q/health/ready", "/q/health/started");
    for (String path : new TreeSet<>(paths)) {
      given().get(path).then().statusCode(200);
    }
  }

  @Test
  void every_environment_variable_the_manifests_set_is_one_the_service_reads() throws IOException {
    String properties = Files.readString(Path.of("src/main/resources/application.properties"));
    List<String> names = new ArrayList<>();
    kind("ConfigMap").path("data").fieldNames().forEachRemaining(names::add);
    kind("Secret").path("stringData").fieldNames().forEachRemaining(names::add);
    assertThat(names).isNotEmpty();
    for (String name : names) {
      String property = name.toLowerCase().replace('_', '.');
      boolean referenced =
          properties.contains("${" + name + ":") || properties.contains("${" + name + "}");
      boolean known =
          ConfigProvider.getConfig().getOptionalValue(property, String.class).isPresent()
              || property.startsWith("quarkus.datasource.")
              || property.startsWith("mp.jwt.verify.");
      assertThat(referenced || known).as(name + " is read by the service").isTrue();
    }
  }

  @Test
  void the_graceful_shutdown_fits_in_the_termination_grace_period() throws IOException {
    JsonNode pod = kind("Deployment").path("spec").path("template").path("spec");
    Duration delay =
        Duration.parse(
            "PT" + kind("ConfigMap").path("data").path("SHUTDOWN_DELAY").asText().toUpperCase());
    Duration grace =
        ConfigProvider.getConfig().getValue("ormcalc.execution.shutdown-grace", Duration.class);
    Duration timeout =
        ConfigProvider.getConfig().getValue("quarkus.shutdown.timeout", Duration.class);
    assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong()))
        .isGreaterThan(delay.plus(grace).plus(timeout));
  }

  @Test
  void the_alert_rules_and_the_dashboard_use_only_metrics_the_service_exports() throws IOException {
    String rules = Files.readString(Path.of("k8s/monitoring/prometheus-rules.yaml"));
    String dashboard = Files.readString(Path.of("k8s/monitoring/grafana-dashboard.json"));
    YAML.readTree(rules);
    new ObjectMapper().readTree(dashboard);
    String declared = Files.readString(Path.of("src/main/java/io/ormcalc/metrics/Metrics.java"));
    java.util.regex.Matcher names =
        java.util.regex.Pattern.compile("ormcalc_[a-z_]+").matcher(rules + dashboard);
    int seen = 0;
    while (names.find()) {
      String base =
          names
              .group()
              .replaceAll("_(total|bucket|count|sum|seconds)$", "")
              .replaceAll("_(seconds)$", "");
      assertThat(
              declared.contains("\"" + names.group() + "\"")
                  || declared.contains("\"" + base + "\""))
          .as(names.group() + " is declared in Metrics")
          .isTrue();
      seen++;
    }
    assertThat(seen).isGreaterThan(10);
  }

  @Test
  void pods_run_as_non_root_read_only_without_privilege_escalation_and_with_limits()
      throws IOException {
    JsonNode pod = kind("Deployment").path("spec").path("template").path("spec");
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    for (JsonNode container : pod.path("containers")) {
      JsonNode security = container.path("securityContext");
      assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
      assertThat(security.path("capabilities").path("drop").toString()).contains("ALL");
      assertThat(container.path("resources").path("requests").path("memory").asText()).isNotBlank();
      assertThat(container.path("resources").path("limits").path("memory").asText()).isNotBlank();
    }
  }
}
