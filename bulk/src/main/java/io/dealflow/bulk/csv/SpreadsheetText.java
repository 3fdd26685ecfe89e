package io.dealflow.bulk.csv;

/**
 * CSV injection hygiene. A text cell that starts with {@code = + - @}, a tab or a carriage return is a formula to
 * Excel and Google Sheets; the export writes it behind a single quote (which spreadsheets show as text and hide), and
 * the import takes exactly one such quote off again, so a round trip gives the text back unchanged. A text that itself
 * starts with a quote before one of those characters gets a second quote on export, for the same reason.
 */
final class SpreadsheetText {

    private static final String TRIGGERS = "=+-@\t\r";

    private SpreadsheetText() {
    }

    static String exported(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return risky(text, 0) || text.charAt(0) == '\'' && risky(text, 1) ? "'" + text : text;
    }

    static String imported(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && (risky(cell, 1)
                || cell.charAt(1) == '\'' && risky(cell, 2))) {
            return cell.substring(1);
        }
        return cell;
    }

    private static boolean risky(String text, int index) {
        return text.length() > index && TRIGGERS.indexOf(text.charAt(index)) >= 0;
    }
}
