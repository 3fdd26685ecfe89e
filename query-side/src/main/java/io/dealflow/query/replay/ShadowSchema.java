package io.dealflow.query.replay;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schema beside {@code read_model} with the same tables, made by running the query side's own migrations with
 * {@code read_model.} read as {@code <schema>.}, so a shadow table is exactly what the live one would be after the
 * same migrations: columns, defaults, constraints, indexes and their names.
 */
final class ShadowSchema {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
    private static final Pattern READ_MODEL = Pattern.compile("\\bread_model\\.");

    private ShadowSchema() {
    }

    /** Drops any leftover of the schema and creates it anew with every read-model table, empty. */
    static void create(JdbcTemplate jdbc, String schema) {
        jdbc.execute(SchemaRedirect.LIVE + "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        jdbc.execute(SchemaRedirect.LIVE + "CREATE SCHEMA " + schema);
        for (Resource migration : migrations()) {
            String sql = READ_MODEL.matcher(read(migration)).replaceAll(Matcher.quoteReplacement(schema + "."));
            jdbc.execute(SchemaRedirect.LIVE + sql);
        }
    }

    /**
     * Drops the indexes of these shadow tables that neither back a constraint nor enforce uniqueness, and answers the
     * statements that create them again: a bulk load is much faster without them, and building them once afterwards
     * is faster than keeping them up to date row by row.
     */
    static List<String> dropSecondaryIndexes(JdbcTemplate jdbc, String schema, Set<String> tables) {
        List<String[]> indexes = jdbc.query(SchemaRedirect.LIVE + """
                SELECT index_class.relname, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                JOIN pg_class index_class ON index_class.oid = i.indexrelid
                JOIN pg_class table_class ON table_class.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = table_class.relnamespace
                WHERE n.nspname = ? AND table_class.relname = ANY(?) AND NOT i.indisunique AND NOT i.indisprimary
                ORDER BY index_class.relname""",
                (rs, n) -> new String[]{rs.getString(1), rs.getString(2)}, schema, tables.toArray(String[]::new));
        List<String> creates = new ArrayList<>();
        for (String[] index : indexes) {
            jdbc.execute(SchemaRedirect.LIVE + "DROP INDEX " + schema + "." + index[0]);
            creates.add(index[1]);
        }
        return creates;
    }

    /** Runs the statements {@link #dropSecondaryIndexes} answered. */
    static void createIndexes(JdbcTemplate jdbc, List<String> creates) {
        creates.forEach(create -> jdbc.execute(SchemaRedirect.LIVE + create));
    }

    /** Drops the schema and whatever is left in it. */
    static void drop(JdbcTemplate jdbc, String schema) {
        jdbc.execute(SchemaRedirect.LIVE + "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static Resource[] migrations() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:db/query/V*.sql");
            return Arrays.stream(resources).filter(resource -> version(resource) >= 0)
                    .sorted(Comparator.comparingInt(ShadowSchema::version)).toArray(Resource[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the read-model migrations", e);
        }
    }

    private static int version(Resource resource) {
        Matcher matcher = VERSION.matcher(resource.getFilename() == null ? "" : resource.getFilename());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static String read(Resource resource) {
        try {
            return new String(resource.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource.getFilename(), e);
        }
    }
}
