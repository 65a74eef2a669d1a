package io.ormcalc.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.ormcalc.support.NeedsTools;
import io.ormcalc.support.Tools;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kubernetes manifests in k8s/ describe the service as it is and keep the promises the README
 * makes. The files of {@code k8s/base} are read as they are; each overlay under {@code
 * k8s/overlays} is rendered with {@code kubectl kustomize} (skipped with a message where kubectl is
 * absent, failed under CI) and must be one coherent set: one workload, exactly one autoscaling
 * mechanism, a disruption budget that never blocks a drain, probes whose paths answer, locked-down
 * pods, settings the service reads, graceful shutdown inside the grace period.
 */
@QuarkusTest
class KubernetesManifestsQuarkusTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path BASE = Path.of("k8s", "base");
  private static final Path OVERLAYS = Path.of("k8s", "overlays");
  private static final Set<String> AUTOSCALERS = Set.of("HorizontalPodAutoscaler", "ScaledObject");
  private static final String KNATIVE = "serving.knative.dev/v1";

  private static List<JsonNode> parse(String yaml) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
    }
    documents.removeIf(d -> d == null || d.isEmpty());
    return documents;
  }

  /** The base's resources, read from the files its kustomization lists. */
  private static List<JsonNode> base() throws IOException {
    JsonNode kustomization = YAML.readTree(BASE.resolve("kustomization.yaml").toFile());
    List<JsonNode> documents = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      documents.addAll(parse(Files.readString(BASE.resolve(resource.asText()))));
    }
    return documents;
  }

  static Stream<String> overlays() throws IOException {
    try (Stream<Path> directories = Files.list(OVERLAYS)) {
      return directories
          .filter(d -> Files.exists(d.resolve("kustomization.yaml")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  /** {@code kubectl kustomize k8s/overlays/<overlay>}: what {@code kubectl apply -k} would send. */
  private static List<JsonNode> render(String overlay) throws Exception {
    Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
    Path errors = Files.createTempFile("kustomize-" + overlay, ".err");
    try {
      Process kubectl =
          new ProcessBuilder(
                  Tools.require("kubectl").toString(),
                  "kustomize",
                  OVERLAYS.resolve(overlay).toString())
              .redirectOutput(output.toFile())
              .redirectError(errors.toFile())
              .start();
      assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize ends").isTrue();
      assertThat(kubectl.exitValue())
          .as("kubectl kustomize %s: %s", overlay, Files.readString(errors))
          .isZero();
      return parse(Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(errors);
    }
  }

  private static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
    return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  private static JsonNode one(List<JsonNode> documents, String kind) {
    List<JsonNode> found = ofKind(documents, kind);
    assertThat(found).as("exactly one %s", kind).hasSize(1);
    return found.get(0);
  }

  private static boolean isKnative(JsonNode document) {
    return document.path("apiVersion").asText().equals(KNATIVE)
        && document.path("kind").asText().equals("Service");
  }

  /** The pod template's spec of the set's one workload (a Deployment or a Knative Service). */
  private static JsonNode podSpec(List<JsonNode> documents) {
    List<JsonNode> workloads =
        documents.stream()
            .filter(d -> d.path("kind").asText().equals("Deployment") || isKnative(d))
            .toList();
    assertThat(workloads).as("exactly one workload (Deployment or Knative Service)").hasSize(1);
    return workloads.get(0).path("spec").path("template").path("spec");
  }

  /** Every environment variable a ConfigMap or Secret of the set provides. */
  private static List<String> environment(List<JsonNode> documents) {
    List<String> names = new ArrayList<>();
    ofKind(documents, "ConfigMap")
        .forEach(c -> c.path("data").fieldNames().forEachRemaining(names::add));
    ofKind(documents, "Secret")
        .forEach(s -> s.path("stringData").fieldNames().forEachRemaining(names::add));
    return names;
  }

  private static void assertReadByTheService(List<String> names) throws IOException {
    String properties = Files.readString(Path.of("src/main/resources/application.properties"));
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

  private static void assertProbesAnswer(List<String> paths) {
    for (String path : new TreeSet<>(paths)) {
      given().get(path).then().statusCode(200);
    }
  }

  private static Duration shutdownNeeds(List<JsonNode> documents) {
    String delay = one(documents, "ConfigMap").path("data").path("SHUTDOWN_DELAY").asText();
    return Duration.parse("PT" + delay.toUpperCase())
        .plus(
            ConfigProvider.getConfig().getValue("ormcalc.execution.shutdown-grace", Duration.class))
        .plus(io.ormcalc.execution.Dispatcher.RELEASE_WAIT)
        .plus(ConfigProvider.getConfig().getValue("quarkus.shutdown.timeout", Duration.class));
  }

  @Test
  void the_base_lists_its_files_and_every_document_names_its_kind() throws IOException {
    List<JsonNode> documents = base();
    assertThat(documents)
        .allSatisfy(
            d -> {
              assertThat(d.path("apiVersion").asText()).isNotBlank();
              assertThat(d.path("kind").asText()).isNotBlank();
              assertThat(d.path("metadata").path("name").asText()).isNotBlank();
            });
    assertThat(documents.stream().map(d -> d.path("kind").asText()))
        .containsExactlyInAnyOrder(
            "ConfigMap", "Secret", "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy")
        .doesNotContainAnyElementsOf(AUTOSCALERS);
    List<String> listed = new ArrayList<>(List.of("kustomization.yaml"));
    YAML.readTree(BASE.resolve("kustomization.yaml").toFile())
        .path("resources")
        .forEach(r -> listed.add(r.asText()));
    try (Stream<Path> files = Files.list(BASE)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("every file of the base is one of its resources")
          .containsExactlyInAnyOrderElementsOf(listed);
    }
    assertThat(overlays()).contains("hpa", "keda", "knative");
  }

  @Test
  void the_base_probes_answer_and_its_settings_are_read_by_the_service() throws IOException {
    List<JsonNode> documents = base();
    List<String> paths = new ArrayList<>();
    documents.forEach(
        d -> d.findValues("httpGet").forEach(p -> paths.add(p.path("path").asText())));
    assertThat(paths).contains("/q/health/live", "/q/health/ready", "/q/health/started");
    assertProbesAnswer(paths);
    assertReadByTheService(environment(documents));
    JsonNode pod = podSpec(documents);
    assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong()))
        .isGreaterThan(shutdownNeeds(documents));
  }

  @Test
  void the_secret_template_connects_to_the_database_over_tls() throws IOException {
    String url =
        one(base(), "Secret").path("stringData").path("QUARKUS_DATASOURCE_JDBC_URL").asText();
    assertThat(url).startsWith("jdbc:postgresql://").contains("sslmode=require");
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  @NeedsTools(
      value = "kubectl",
      install = "kubectl 1.21 or newer, whose kustomize renders the overlays")
  void each_overlay_renders_one_coherent_set(String overlay) throws Exception {
    List<JsonNode> documents = render(overlay);

    Set<String> identities = new HashSet<>();
    for (JsonNode d : documents) {
      String identity =
          d.path("apiVersion").asText()
              + "/"
              + d.path("kind").asText()
              + "/"
              + d.path("metadata").path("name").asText();
      assertThat(identities.add(identity)).as("%s appears once", identity).isTrue();
    }

    // one workload, one autoscaling mechanism (Knative's own autoscaler counts as one)
    JsonNode pod = podSpec(documents);
    boolean knative = documents.stream().anyMatch(KubernetesManifestsQuarkusTest::isKnative);
    long autoscalers =
        documents.stream().filter(d -> AUTOSCALERS.contains(d.path("kind").asText())).count()
            + (knative ? 1 : 0);
    assertThat(autoscalers).as("autoscaling mechanisms in %s", overlay).isEqualTo(1);
    if (knative) {
      assertThat(ofKind(documents, "Service").stream().filter(d -> !isKnative(d)))
          .as("no plain Service beside the Knative Service's own")
          .isEmpty();
    }
    documents.stream()
        .filter(d -> d.path("kind").asText().equals("Deployment"))
        .forEach(
            d ->
                assertThat(d.path("spec").has("replicas"))
                    .as("the autoscaler, not the Deployment, sets the replica count")
                    .isFalse());

    // at least one replica always runs: background work (queued jobs, retries, webhooks) needs it
    for (JsonNode scaler : ofKind(documents, "ScaledObject")) {
      assertThat(scaler.path("spec").path("minReplicaCount").asInt()).isGreaterThanOrEqualTo(1);
      for (JsonNode trigger : scaler.path("spec").path("triggers")) {
        assertThat(trigger.path("metadata").path("sslmode").asText()).isEqualTo("require");
      }
    }
    for (JsonNode hpa : ofKind(documents, "HorizontalPodAutoscaler")) {
      assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(1);
    }
    documents.stream()
        .filter(KubernetesManifestsQuarkusTest::isKnative)
        .forEach(
            d -> {
              JsonNode annotations = d.path("spec").path("template").path("metadata");
              assertThat(
                      annotations
                          .path("annotations")
                          .path("autoscaling.knative.dev/min-scale")
                          .asInt(0))
                  .as("Knative min-scale")
                  .isGreaterThanOrEqualTo(1);
              assertThat(
                      Duration.ofSeconds(
                          d.path("spec")
                              .path("template")
                              .path("spec")
                              .path("timeoutSeconds")
                              .asLong()))
                  .as("Knative's termination grace (its timeoutSeconds)")
                  .isGreaterThan(shutdownNeeds(documents));
            });

    // a disruption budget that never blocks a drain, whatever the replica count
    JsonNode pdb = one(documents, "PodDisruptionBudget").path("spec");
    assertThat(pdb.has("minAvailable")).as("PDB minAvailable").isFalse();
    assertThat(pdb.path("maxUnavailable").asInt()).isEqualTo(1);
    one(documents, "NetworkPolicy");
    assertThat(
            one(documents, "Secret")
                .path("stringData")
                .path("QUARKUS_DATASOURCE_JDBC_URL")
                .asText())
        .contains("sslmode=require");

    // the pods: probes that answer, locked down, settings the service reads
    if (!knative) {
      assertThat(pod.path("terminationGracePeriodSeconds").asLong() * 1000)
          .isGreaterThan(shutdownNeeds(documents).toMillis());
      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    }
    Set<String> configs = new HashSet<>();
    documents.forEach(
        d -> configs.add(d.path("kind").asText() + "/" + d.path("metadata").path("name").asText()));
    for (JsonNode container : pod.path("containers")) {
      List<String> paths = new ArrayList<>();
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        String path = container.path(probe).path("httpGet").path("path").asText();
        if (!path.isEmpty()) {
          paths.add(path);
        }
      }
      assertThat(paths).contains("/q/health/live", "/q/health/ready");
      if (!knative) {
        assertThat(paths).contains("/q/health/started");
      }
      assertProbesAnswer(paths);

      JsonNode security = container.path("securityContext");
      assertThat(
              security.path("runAsNonRoot").asBoolean()
                  || pod.path("securityContext").path("runAsNonRoot").asBoolean())
          .as("runs as non-root")
          .isTrue();
      if (!knative) {
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
      }
      assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
      assertThat(security.path("capabilities").path("drop").toString()).contains("ALL");
      assertThat(container.path("resources").path("requests").path("memory").asText()).isNotBlank();
      assertThat(container.path("resources").path("limits").path("memory").asText()).isNotBlank();

      for (JsonNode from : container.path("envFrom")) {
        String ref =
            from.has("configMapRef")
                ? "ConfigMap/" + from.path("configMapRef").path("name").asText()
                : "Secret/" + from.path("secretRef").path("name").asText();
        assertThat(configs).as("the %s the container reads is in the set", ref).contains(ref);
      }
    }
    assertReadByTheService(environment(documents));
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
}
