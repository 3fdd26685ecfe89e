package io.dealflow.webhooks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application with nothing but auto-configuration: the webhooks module comes in the way any deployment gets it,
 * through {@link WebhooksAutoConfiguration}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WebhookTestApplication {
}
