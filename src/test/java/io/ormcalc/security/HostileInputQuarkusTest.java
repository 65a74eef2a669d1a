package io.ormcalc.security;

import static io.ormcalc.support.Jobs.JOBS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.ormcalc.support.SecuredProfile;
import io.ormcalc.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated hostile requests against the secured API: every answer must be a 4xx (never
 * a 5xx, never a stack trace), and none of them may leave a job behind.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class HostileInputQuarkusTest {

  static final String TENANT = "hostile";
  static final ObjectMapper JSON = new ObjectMapper();

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Inject Database db;
  @TestHTTPResource URL base;

  /** One hostile request. */
  record Attack(
      String name, String method, String path, Map<String, String> headers, byte[] body) {}

  @Test
  void generated_hostile_requests_get_only_4xx_answers_and_leave_no_job() throws Exception {
    List<Attack> attacks = attacks();
    assertThat(attacks).hasSizeGreaterThanOrEqualTo(500);
    String bearer = Tokens.bearer("hostile-harry", TENANT, "calc:submit", "calc:read");
    List<String> failures = new ArrayList<>();

    for (Attack attack : attacks) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + attack.path()))
              .timeout(Duration.ofSeconds(30))
              .method(
                  attack.method(),
                  attack.body() == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(attack.body()));
      if (!attack.headers().containsKey("Authorization")) {
        request.header("Authorization", bearer);
      }
      attack.headers().forEach(request::header);
      HttpResponse<String> response;
      try {
        response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        failures.add(attack.name() + " -> no answer: " + e);
        continue;
      }
      int status = response.statusCode();
      String text = response.body();
      if (status < 400 || status >= 500) {
        failures.add(attack.name() + " -> " + status + " " + abbreviate(text));
      } else if (text.contains("Exception") || text.contains("\tat ") || text.contains("SQL")) {
        failures.add(attack.name() + " -> leaks internals: " + abbreviate(text));
      }
    }

    assertThat(failures).isEmpty();
    assertThat(db.rows("select id from job where tenant_id = ?", TENANT)).isEmpty();
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) : text;
  }

  private List<Attack> attacks() throws Exception {
    List<Attack> attacks = new ArrayList<>();
    Random random = new Random(20261129);
    Map<String, Object> valid = CalculationRequests.aBiaRequest("HOSTILE_ENTITY");
    valid.put("execution_mode", "async");

    // 1. hostile values in each field of an otherwise valid request
    List<Object> hostileValues =
        List.of(
            "x'; drop table job; --",
            "\" or 1=1 --",
            "$(rm -rf /)",
            "<script>alert(1)</script>",
            "BANK\u202eKNAB",
            "BANK\u200b001",
            "BANK\u0000001",
            "\uFEFFBANK",
            "\uD800",
            "ＢＡＮＫ",
            "../../etc/passwd",
            "%00",
            "NaN",
            "Infinity",
            "-Infinity",
            "1e999999",
            "9".repeat(5000),
            "a".repeat(10_000),
            "",
            " ",
            List.of(),
            Map.of(),
            List.of(1, 2, 3),
            Map.of("$gt", ""),
            true,
            -1,
            1e308,
            Long.MIN_VALUE);
    for (String field :
        List.of(
            "model_name",
            "entity_id",
            "calculation_date",
            "execution_mode",
            "priority",
            "callback_url",
            "idempotency_key",
            "parameters")) {
      for (Object value : hostileValues) {
        if (couldBeValid(field, value)) {
          continue;
        }
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.put(field, value);
        attacks.add(post("value " + field + "=" + describe(value), JSON.writeValueAsBytes(body)));
      }
    }

    // 2. hostile values inside the model inputs
    for (Object value : hostileValues) {
      if (value instanceof Number) {
        continue; // in-range numbers are valid amounts; section 3 has the out-of-range ones
      }
      Map<String, Object> body = new LinkedHashMap<>(valid);
      body.put(
          "inputs",
          Map.of(
              "currency",
              "EUR",
              "annual_gross_income",
              List.of(
                  Map.of("year", 2022, "amount", value),
                  Map.of("year", 2023, "amount", 1),
                  Map.of("year", 2024, "amount", 1))));
      attacks.add(post("inputs amount=" + describe(value), JSON.writeValueAsBytes(body)));
      Map<String, Object> currency = new LinkedHashMap<>(valid);
      currency.put("inputs", Map.of("currency", value, "annual_gross_income", List.of()));
      attacks.add(post("inputs currency=" + describe(value), JSON.writeValueAsBytes(currency)));
    }

    // 3. numbers out of any range, written as JSON numbers
    for (String number :
        List.of(
            "1e400",
            "-1e400",
            "1e-400",
            "123456789012345678901234567890123456789e300",
            "0." + "0".repeat(3000) + "1",
            "9".repeat(2000),
            "NaN",
            "Infinity",
            "-Infinity",
            "0x10",
            "1_000",
            "+1",
            ".5",
            "01",
            "1e",
            "--1")) {
      String body =
          new String(JSON.writeValueAsBytes(valid), StandardCharsets.UTF_8)
              .replaceFirst("\"amount\":\\d+", "\"amount\":" + number);
      attacks.add(post("number " + abbreviate(number), body.getBytes(StandardCharsets.UTF_8)));
    }

    // 4. malformed and tricky JSON documents
    String good = new String(JSON.writeValueAsBytes(valid), StandardCharsets.UTF_8);
    List<String> documents =
        new ArrayList<>(
            List.of(
                "",
                "null",
                "[]",
                "\"text\"",
                "42",
                "{",
                "}",
                good.substring(0, good.length() / 2),
                good + "garbage",
                good + good,
                good.replaceFirst("\\{", "{\"model_name\":\"sma\","),
                good.replaceFirst("\\{", "{\"unknown_field\":1,"),
                good.replaceFirst("\\{", "{/* comment */"),
                good.replace('"', '\''),
                good.replaceFirst("}$", ",}"),
                "{\"model_name\":\"bia\"" + ",\"a\":1".repeat(10_000) + "}",
                "[".repeat(5_000) + "]".repeat(5_000),
                "{\"inputs\":" + "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_001)));
    for (int depth : new int[] {200, 1_001, 10_000, 100_000}) {
      documents.add("{\"inputs\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
    }
    for (String document : documents) {
      attacks.add(
          post("document " + abbreviate(document), document.getBytes(StandardCharsets.UTF_8)));
    }

    // 5. invalid encodings
    for (byte[] bytes :
        List.of(
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {0, 0, 0, '{'},
            "{\"model_name\":\"b\u0000ia\"}".getBytes(StandardCharsets.UTF_8),
            good.getBytes(StandardCharsets.UTF_16))) {
      attacks.add(post("encoding " + bytes.length + " bytes", bytes));
    }

    // 6. random mutations of a valid document: a byte flipped, cut or repeated — kept only when
    //    the result is no longer valid JSON
    byte[] base = good.getBytes(StandardCharsets.UTF_8);
    while (attacks.size() < 460) {
      byte[] mutated = base.clone();
      int at = random.nextInt(mutated.length);
      String noise = "{}[]\":,\\x\u0000";
      mutated[at] = (byte) noise.charAt(random.nextInt(noise.length()));
      if (!isJson(mutated)) {
        attacks.add(post("mutation at " + at, mutated));
      }
    }

    // 7. oversize bodies
    for (int megabytes : new int[] {2, 5}) {
      String padded =
          good.replaceFirst("\"HOSTILE_ENTITY\"", "\"" + "A".repeat(megabytes << 20) + "\"");
      attacks.add(post("oversize " + megabytes + " MiB", padded.getBytes(StandardCharsets.UTF_8)));
    }

    // 8. header abuse (each with a valid body, so the header alone must be refused)
    byte[] validBody = good.getBytes(StandardCharsets.UTF_8);
    List<Map<String, String>> headerSets =
        List.of(
            Map.of("Content-Type", "text/plain"),
            Map.of("Content-Type", "application/xml"),
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            Map.of("Content-Type", "application/json; charset=utf-7"),
            Map.of("Content-Type", "application/json; charset=iso-8859-1"),
            Map.of("Content-Type", "application/json", "Idempotency-Key", "key with spaces"),
            Map.of("Content-Type", "application/json", "Idempotency-Key", "k".repeat(300)),
            Map.of("Content-Type", "application/json", "Idempotency-Key", "tab\there"),
            Map.of(
                "Content-Type", "application/json", "Authorization", "Bearer " + "A".repeat(4000)),
            Map.of("Content-Type", "application/json", "Authorization", "Bearer x.y.z"),
            Map.of("Content-Type", "application/json", "Authorization", "Bearer"),
            Map.of("Content-Type", "application/json", "Authorization", "Basic YWRtaW46YWRtaW4="),
            Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwidGVuYW50IjoiaG9zdGlsZSJ9."),
            Map.of("Content-Type", "application/json", "X-Big", "v".repeat(30_000)));
    for (Map<String, String> headers : headerSets) {
      attacks.add(
          new Attack(
              "headers " + abbreviate(headers.toString()), "POST", JOBS, headers, validBody));
    }

    // 9. hostile paths and query parameters
    for (String id :
        List.of(
            "job_'or'1'='1",
            "..%2F..%2Fetc%2Fpasswd",
            "job_" + "0".repeat(26) + "%00",
            "job_%27%3B%20drop%20table%20job%3B",
            "%E2%80%AE",
            "x".repeat(2000))) {
      attacks.add(new Attack("get " + abbreviate(id), "GET", JOBS + "/" + id, Map.of(), null));
      attacks.add(
          new Attack("cancel " + abbreviate(id), "DELETE", JOBS + "/" + id, Map.of(), null));
    }
    for (String query :
        List.of(
            "status=queued'%20or%201=1--",
            "status=%00",
            "limit=-1",
            "limit=1;drop",
            "limit=99999999999",
            "cursor=%27%20or%201=1",
            "cursor=" + "A".repeat(5000),
            "created_after=2024-01-01'--",
            "created_after=yesterday",
            "model_name=sma%27",
            "status[]=queued",
            "limit=NaN")) {
      attacks.add(
          new Attack("list ?" + abbreviate(query), "GET", JOBS + "?" + query, Map.of(), null));
    }
    attacks.add(new Attack("cleanup without admin", "POST", JOBS + "/cleanup", Map.of(), null));
    attacks.add(
        new Attack("method", "PUT", JOBS, Map.of("Content-Type", "application/json"), validBody));
    attacks.add(new Attack("method", "PATCH", JOBS + "/job_" + "0".repeat(26), Map.of(), null));
    return attacks;
  }

  /**
   * Whether a hostile-looking value is in fact acceptable for the field (a number-like or
   * injection-looking entity id made of allowed characters, say): those are not attacks.
   */
  private static boolean couldBeValid(String field, Object value) {
    String text = String.valueOf(value);
    return switch (field) {
      case "entity_id" -> text.matches("[A-Za-z0-9._:\\-]{1,100}");
      case "idempotency_key" -> text.matches("[\\x21-\\x7E]{1,255}");
      case "parameters" -> value instanceof Map<?, ?> map && map.isEmpty();
      default -> false;
    };
  }

  private static Attack post(String name, byte[] body) {
    return new Attack(name, "POST", JOBS, Map.of("Content-Type", "application/json"), body);
  }

  private static boolean isJson(byte[] bytes) {
    try {
      JSON.readTree(bytes);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static String describe(Object value) {
    return abbreviate(String.valueOf(value));
  }
}
