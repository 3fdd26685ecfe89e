package io.dealflow.highlevel.http;

import io.dealflow.command.http.CommandSender;
import io.dealflow.query.http.ConsistencyGate;
import org.springframework.stereotype.Component;

/**
 * Sends the door's commands exactly as the native API does (same sender, same request metadata, same retries), and
 * lets the door read its own writes: HighLevel answers a change with the changed resource, which the door reads from
 * the query side's read models once they have processed the change.
 */
@Component
public class DoorCommands {

    private final CommandSender sender;
    private final ConsistencyGate gate;

    DoorCommands(CommandSender sender, ConsistencyGate gate) {
        this.sender = sender;
        this.gate = gate;
    }

    /** Sends a command and answers what its handler answered (the new version for updates). */
    public <R> R send(Object command) {
        return sender.sendAndWait(command);
    }

    /** Waits until the read models have processed every event committed so far, this request's included. */
    public void awaitReadModels(String... readModels) {
        gate.await(sender.consistencyToken(), readModels);
    }

    /** Waits until the read models cover a client's {@code Consistency-Token}; returns at once without one. */
    public void awaitToken(String token, String... readModels) {
        gate.await(token, readModels);
    }
}
