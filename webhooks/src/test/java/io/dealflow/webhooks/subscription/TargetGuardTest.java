package io.dealflow.webhooks.subscription;

import io.dealflow.webhooks.WebhookProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TargetGuardTest {

    private final TargetGuard guard = new TargetGuard(properties(false));
    private final TargetGuard permissive = new TargetGuard(properties(true));

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://localhost:8080/hook", "http://[::1]/hook",
            "http://0.0.0.0/hook", "http://10.1.2.3/hook", "http://172.16.0.1/hook", "http://192.168.1.10/hook",
            "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/hook", "http://[fd00::1]/hook",
            "http://100.64.0.1/hook", "http://224.0.0.1/hook", "http://255.255.255.255/hook",
            "http://[::ffff:127.0.0.1]/hook", "http://[::10.0.0.1]/hook", "https://2130706433/hook"})
    void refusesPrivateLoopbackAndLinkLocalTargets(String url) {
        assertThat(guard.refusal(url)).isPresent();
        assertThat(permissive.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/hook", "https://8.8.8.8:8443/x?y=1", "http://[2606:4700::1]/"})
    void acceptsPublicTargets(String url) {
        assertThat(guard.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.216.34/x", "file:///etc/passwd", "93.184.216.34/hook", "http:///x",
            "http://exa mple.com/", "javascript:alert(1)"})
    void refusesWhatIsNotAnHttpUrl(String url) {
        assertThat(guard.refusal(url)).isPresent();
        assertThat(permissive.refusal(url)).isPresent();
    }

    private static WebhookProperties properties(boolean allowPrivate) {
        return new WebhookProperties(allowPrivate, "test", Duration.ofHours(24),
                new WebhookProperties.Retry(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24)),
                new WebhookProperties.Http(Duration.ofSeconds(5), Duration.ofSeconds(10)),
                new WebhookProperties.Dispatch(8, 2, 4, Duration.ofMillis(250)),
                new WebhookProperties.Processor(2, 100, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1)),
                new WebhookProperties.Stale(Duration.ofMinutes(1)), true);
    }
}
