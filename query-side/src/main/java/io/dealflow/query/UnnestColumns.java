package io.dealflow.query;

import java.util.List;

/**
 * Rows turned into the column arrays of one {@code unnest(?::type[], ...)} statement: many rows of a batch then travel
 * as one statement with one text array per column, which PostgreSQL casts and turns back into rows, instead of one
 * statement (or one JDBC batch entry) per row.
 */
public final class UnnestColumns {

    private UnnestColumns() {
    }

    /**
     * The statement arguments for {@code rows}, each a row's values as text (null for SQL NULL) in the order of the
     * statement's {@code unnest} parameters: one {@code String[]} per column.
     */
    public static Object[] of(List<String[]> rows, int width) {
        String[][] columns = new String[width][rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            String[] values = rows.get(row);
            if (values.length != width) {
                throw new IllegalArgumentException("row of " + values.length + " values for " + width + " columns");
            }
            for (int column = 0; column < width; column++) {
                columns[column][row] = values[column];
            }
        }
        return columns;
    }

    /**
     * A text array value as PostgreSQL's array literal, for a column that travels as text and is cast with
     * {@code ::text[]}: every element quoted, so no element is mistaken for {@code NULL} or split at a comma.
     */
    public static String arrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            if (value == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }
}
