package io.ormcalc.api;

/**
 * The names of the problem responses the operations share ({@code @APIResponse(ref =
 * ApiDocumentation.JOB_NOT_FOUND)}), declared once in {@code package-info.java}. Title, version and
 * description come from {@code quarkus.smallrye-openapi.info-*}.
 */
final class ApiDocumentation {

  static final String INVALID_REQUEST = "InvalidRequest";
  static final String JOB_NOT_FOUND = "JobNotFound";
  static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
  static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
  static final String JOB_NOT_CANCELLABLE = "JobNotCancellable";
  static final String UNPROCESSABLE = "Unprocessable";
  static final String WEBHOOK_DELIVERY_NOT_FOUND = "WebhookDeliveryNotFound";
  static final String WEBHOOK_DELIVERY_IN_FLIGHT = "WebhookDeliveryInFlight";
  static final String UNAUTHENTICATED = "Unauthenticated";
  static final String FORBIDDEN = "Forbidden";
  static final String RATE_LIMITED = "RateLimited";

  private ApiDocumentation() {}
}
