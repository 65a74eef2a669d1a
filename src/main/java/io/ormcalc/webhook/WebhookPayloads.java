package io.ormcalc.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ormcalc.job.JobEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The body of a webhook message about a job's end:
 *
 * <pre>
 * {"type": "calculation_job.completed", "timestamp": "…(when the job ended)",
 *  "data": {"job_id", "run_id", "status", "model_name", "entity_id", "calculation_date",
 *           "execution_mode", "priority", "attempts", "created_at", "started_at",
 *           "completed_at", "result_available", "result_summary", "error", "lineage", "links"}}
 * </pre>
 *
 * {@code result_summary} holds the result's top-level numbers and words (and those of LDA's {@code
 * total}), never the per-year or per-unit detail; the full result is one GET away ({@code
 * links.self}). Nothing secret is ever in a payload: no inputs, no keys.
 */
@ApplicationScoped
public class WebhookPayloads {

  private final ObjectMapper mapper;
  private final String base;

  public WebhookPayloads(ObjectMapper mapper, WebhookConfig config) {
    this.mapper = mapper;
    this.base = config.publicBaseUrl().map(u -> u.replaceAll("/+$", "")).orElse("");
  }

  /** The UTF-8 bytes of the message; built once per message and stored, so retries match. */
  public byte[] build(JobEntity job, String eventType) {
    ObjectNode message = mapper.createObjectNode();
    message.put("type", eventType);
    message.put("timestamp", text(job.completedAt));
    ObjectNode data = message.putObject("data");
    data.put("job_id", job.id);
    data.put("run_id", job.runId);
    data.put("status", job.status.toString());
    data.put("model_name", job.modelName.toString());
    data.put("entity_id", job.entityId);
    data.put("calculation_date", job.calculationDate.toString());
    data.put("execution_mode", job.executionMode.toString());
    data.put("priority", job.priority.toString());
    data.put("attempts", job.attempt);
    data.put("created_at", text(job.createdAt));
    data.put("started_at", text(job.startedAt));
    data.put("completed_at", text(job.completedAt));
    data.put("result_available", job.result != null);
    data.set("result_summary", job.result != null ? summary(read(job.result)) : null);
    data.set("error", job.error != null ? read(job.error) : null);
    ObjectNode lineage = data.putObject("lineage");
    lineage.put("input_hash", job.inputHash);
    lineage.put("engine_version", job.engineVersion);
    lineage.put("rule_set", job.ruleSet);
    lineage.put("calculated_at", text(job.calculatedAt));
    String self = base + "/api/v1/calculation-jobs/" + job.id;
    ObjectNode links = data.putObject("links");
    links.put("self", self);
    links.put("status", self + "/status");
    links.put("webhook_deliveries", self + "/webhook-deliveries");
    try {
      return mapper.writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("webhook payload not serialisable", e);
    }
  }

  /** The scalar fields of the result, and of its {@code total} (LDA). */
  private ObjectNode summary(JsonNode result) {
    ObjectNode summary = mapper.createObjectNode();
    copyScalars(result, summary);
    if (result.path("total").isObject()) {
      copyScalars(result.get("total"), summary.putObject("total"));
    }
    return summary;
  }

  private static void copyScalars(JsonNode from, ObjectNode to) {
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isValueNode()) {
        to.set(field.getKey(), field.getValue());
      }
    }
  }

  private JsonNode read(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON of a job is unreadable", e);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
