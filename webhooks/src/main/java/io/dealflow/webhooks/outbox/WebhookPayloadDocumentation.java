package io.dealflow.webhooks.outbox;

import io.dealflow.webhooks.subscription.WebhookEventType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Documents what receivers get in the OpenAPI document: the payload schemas, and one OpenAPI 3.1 webhook per event
 * type with its Standard Webhooks headers.
 */
@Component
class WebhookPayloadDocumentation implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Map<String, Schema> schemas = ModelConverters.getInstance().readAll(WebhookPayload.class);
        schemas.forEach(openApi.getComponents()::addSchemas);
        for (WebhookEventType type : WebhookEventType.values()) {
            Operation delivery = new Operation()
                    .summary(type.name() + " delivery")
                    .description("POSTed to the subscription's URL, signed per Standard Webhooks 1.0; any 2xx answer"
                            + " acknowledges it, anything else is retried with backoff." + carries(type))
                    .addParametersItem(header("webhook-id", "the eventId; the same on every retry and replay"))
                    .addParametersItem(header("webhook-timestamp", "epoch seconds of this attempt"))
                    .addParametersItem(header("webhook-signature",
                            "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>, space-separated while rotating"))
                    .requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                            "application/json", new MediaType().schema(
                                    new Schema<>().$ref("#/components/schemas/WebhookPayload")))))
                    .responses(new ApiResponses().addApiResponse("2XX", new ApiResponse().description("received")));
            openApi.addWebhooks(type.name(), new PathItem().post(delivery));
        }
    }

    /** What the payload of that type carries beside the opportunity. */
    private static String carries(WebhookEventType type) {
        if (type.name().startsWith("Note")) {
            return " The payload carries the note (`note`) as it stands after the event, as it was for a deletion.";
        }
        if (type.name().startsWith("Task")) {
            return " The payload carries the task (`task`) as it stands after the event, as it was for a deletion.";
        }
        return type.carriesPrevious() ? " The payload carries the opportunity's `previous` coordinates." : "";
    }

    private static HeaderParameter header(String name, String description) {
        HeaderParameter header = new HeaderParameter();
        header.name(name).description(description).required(true).schema(new StringSchema());
        return header;
    }
}
