package io.dealflow.security.apikey;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do. Only {@code opportunities.write} implies another scope ({@code opportunities.readonly}):
 * a client that changes deals must read them to pass {@code If-Match}.
 */
public enum Scope {
    OPPORTUNITIES_READONLY("opportunities.readonly"),
    OPPORTUNITIES_WRITE("opportunities.write"),
    PIPELINES_WRITE("pipelines.write"),
    REPORTS_READ("reports.read"),
    AUDIT_READ("audit.read"),
    /** Key management, projections and metrics; not tied to a location. */
    ADMIN("admin");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** The scope's name in the API, e.g. {@code opportunities.readonly}. */
    public String value() {
        return value;
    }

    /** The scope named {@code value} in the API, if there is one. */
    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
    }
}
