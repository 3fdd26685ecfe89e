package io.dealflow.highlevel.opportunity;

/**
 * HighLevel's answer to a delete or status change: {@code {"succeded": true}} (HighLevel's spelling), with
 * {@code success} beside it for clients that expect the usual word.
 */
record Succeeded(boolean succeded, boolean success) {

    static final Succeeded YES = new Succeeded(true, true);
}
