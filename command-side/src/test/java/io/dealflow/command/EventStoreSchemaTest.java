package io.dealflow.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventStoreSchemaTest extends CommandApiTest {

    @Test
    void storesPayloadAndMetadataAsBytea() {
        var types = jdbc.queryForList("""
                SELECT column_name || ':' || data_type FROM information_schema.columns
                WHERE table_schema = 'event_store' AND table_name = 'domain_event_entry'
                  AND column_name IN ('payload', 'meta_data') ORDER BY column_name""", String.class);
        assertThat(types).containsExactly("meta_data:bytea", "payload:bytea");
    }

    @Test
    void handsOutGlobalIndexesFromAnIdentityColumn() {
        String identity = jdbc.queryForObject("""
                SELECT is_identity FROM information_schema.columns
                WHERE table_schema = 'event_store' AND table_name = 'domain_event_entry'
                  AND column_name = 'global_index'""", String.class);
        assertThat(identity).isEqualTo("YES");
    }

    @Test
    void servesHealthAndOpenApi() {
        assertThat(call("GET", "/actuator/health", null).body()).contains("\"UP\"");
        assertThat(call("GET", "/v3/api-docs", null).body()).contains("\"openapi\"");
    }
}
