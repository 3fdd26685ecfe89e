package io.dealflow.query;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnnestColumnsTest {

    private final JdbcTemplate jdbc = ProjectionHarness.freshReadModel();

    @Test
    void arrayLiteralsReadBackAsTheSameTextArrays() {
        List<List<String>> values = List.of(List.of(), List.of("vip"), List.of("a,b", "{c}", " d ", ""),
                List.of("say \"hi\"", "back\\slash", "NULL", "null"), Arrays.asList("x", null, "y"),
                List.of("ünïcødé", "tab\there"));

        for (List<String> value : values) {
            List<String> read = jdbc.query("SELECT ?::text[]", rs -> {
                rs.next();
                Array array = rs.getArray(1);
                return Arrays.asList((String[]) array.getArray());
            }, UnnestColumns.arrayLiteral(value));
            assertThat(read).isEqualTo(value);
        }
    }

    @Test
    void rowsBecomeOneArrayPerColumnThatUnnestTurnsBackIntoRows() {
        Object[] columns = UnnestColumns.of(List.of(new String[]{"1", "a"}, new String[]{"2", null}), 2);

        assertThat(jdbc.queryForList("SELECT * FROM unnest(?::bigint[], ?::text[]) AS v (n, t) ORDER BY n",
                columns)).extracting(row -> row.get("n") + "/" + row.get("t")).containsExactly("1/a", "2/null");
        assertThatThrownBy(() -> UnnestColumns.of(List.<String[]>of(new String[]{"1"}), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
