package io.dealflow.command.errors;

/**
 * The command names a pipeline, opportunity or stage that does not exist in its location: HTTP 404. An aggregate of
 * another location counts as not existing, so locations never learn about each other.
 */
public class NotFound extends CommandRefused {

    public NotFound(String what, String id) {
        super(what + "-not-found", null, what.replace('-', ' ') + " " + id + " does not exist");
    }
}
