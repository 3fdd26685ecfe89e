package io.dealflow.security.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The operator key of test applications, given as {@code dealflow.security.bootstrap-key}, so tests can create
 * whatever other keys they need through the admin API.
 */
public final class TestKeys {

    /** Every scope on every location, not rate limited. */
    public static final String OPERATOR = "dfk_test-operator-key-for-integration-tests-only";

    private TestKeys() {
    }

    /** Registers the operator key, and a data directory under {@code target/} should anything be written there. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("dealflow.security.bootstrap-key", () -> OPERATOR);
        registry.add("dealflow.data-dir", () -> "target/test-data");
    }
}
