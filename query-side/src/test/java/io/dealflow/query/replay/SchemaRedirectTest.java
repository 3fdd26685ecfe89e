package io.dealflow.query.replay;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaRedirectTest {

    private final Set<String> tables = new TreeSet<>();
    private final SchemaRedirect redirect = new SchemaRedirect(null, "read_model_next_board", tables);

    @Test
    void movesReadModelTablesToTheShadowSchemaAndRemembersThem() {
        assertThat(redirect.rewrite("UPDATE read_model.board_card SET x = 1 FROM read_model.board_stage_total t"))
                .isEqualTo("UPDATE read_model_next_board.board_card SET x = 1 FROM read_model_next_board"
                        + ".board_stage_total t");
        assertThat(tables).containsExactly("board_card", "board_stage_total");
    }

    @Test
    void leavesLiveStatementsAndOtherSchemasAlone() {
        String live = SchemaRedirect.LIVE + "LOCK TABLE read_model.board_card";
        assertThat(redirect.rewrite(live)).isEqualTo(live);
        assertThat(redirect.rewrite("SELECT * FROM event_store.domain_event_entry, my_read_model.x"))
                .isEqualTo("SELECT * FROM event_store.domain_event_entry, my_read_model.x");
        assertThat(tables).isEmpty();
    }
}
