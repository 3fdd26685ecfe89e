package io.dealflow.highlevel.opportunity;

/**
 * HighLevel's opportunity statuses, which are dealflow's, and the validation messages the door's requests share
 * (worded as HighLevel words them; the field name is put in front).
 */
final class HighLevelStatus {

    static final String VALUES = "open|won|lost|abandoned";
    static final String ONE_OF = "must be one of the following values: open, won, lost, abandoned";
    static final String NOT_EMPTY = "should not be empty";
    static final String MAX_255 = "must be shorter than or equal to 255 characters";
    static final String NOT_NEGATIVE = "must not be less than 0";

    private HighLevelStatus() {
    }
}
