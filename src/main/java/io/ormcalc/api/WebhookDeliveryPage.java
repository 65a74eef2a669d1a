package io.ormcalc.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of webhook deliveries, newest first. */
@Schema(name = "WebhookDeliveryPage")
public record WebhookDeliveryPage(
    List<WebhookDeliveryResponse> items,
    @Schema(description = "Cursor of the next page; null on the last") String nextCursor) {}
