package io.dealflow.events;

/**
 * Text PostgreSQL can hold: no NUL character (its text columns refuse it) and no unpaired UTF-16 surrogate (it has no
 * UTF-8 form, so the driver would store {@code ?} while the event keeps the original). The HTTP edge refuses such text;
 * events stored before it did are read with each fault replaced by U+FFFD, the same way on every read.
 */
public final class StorableText {

    /** What replaces each fault in stored text. */
    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** Why {@code text} cannot be stored, or {@code null} when it can. */
    public static String fault(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains an unpaired surrogate";
                }
            }
        }
        return null;
    }

    /** {@code text} with every NUL and unpaired surrogate replaced by {@link #REPLACEMENT}; itself when it has none. */
    public static String repaired(String text) {
        if (text == null || fault(text) == null) {
            return text;
        }
        StringBuilder repaired = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                repaired.append(c).append(text.charAt(++i));
            } else {
                repaired.append(c == 0 || Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return repaired.toString();
    }

    /** Length in code points, as people count characters (an emoji is one, not two UTF-16 units). */
    public static int length(CharSequence text) {
        return Character.codePointCount(text, 0, text.length());
    }
}
