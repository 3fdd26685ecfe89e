package io.dealflow.command.errors;

/**
 * The command conflicts with the current state (deleting a pipeline that still holds open deals): HTTP 409.
 */
public class StateConflict extends CommandRefused {

    public StateConflict(String code, String message) {
        super(code, null, message);
    }
}
