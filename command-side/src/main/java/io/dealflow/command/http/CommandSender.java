package io.dealflow.command.http;

import io.dealflow.eventstore.EventStoreLayout;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;

/**
 * Sends commands for the HTTP endpoints: attaches the request's metadata, retries an append that lost a race against
 * another writer of the same aggregate, and builds the answer every command gives.
 *
 * <p>Handlers of existing aggregates return the new version (sequence of the last event + 1); creations answer
 * version 1, as a new aggregate has exactly one event.
 */
@Component
public class CommandSender {

    /** Header (and answer field) carrying the consistency token. */
    public static final String CONSISTENCY_TOKEN_HEADER = "Consistency-Token";
    private static final int ATTEMPTS = 5;

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final HttpServletRequest request;

    CommandSender(CommandGateway gateway, JdbcTemplate jdbc, HttpServletRequest request) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.request = request;
    }

    /** Sends a command to an existing aggregate and answers 200 with its new version. */
    public ResponseEntity<CommandAnswer> update(String aggregateId, Object command) {
        long version = send(command);
        return answer(HttpStatus.OK, new CommandAnswer(aggregateId, version, consistencyToken()), null);
    }

    /** Sends a creating command and answers 201 with version 1 and the new resource's location. */
    public ResponseEntity<CommandAnswer> create(String aggregateId, Object command) {
        send(command);
        return answer(HttpStatus.CREATED, new CommandAnswer(aggregateId, 1, consistencyToken()), aggregateId);
    }

    /**
     * Sends a command and returns what its handler returned: the new version for updates, the id for creations.
     * An append that conflicts with a concurrent one is retried on the fresh state; when it keeps conflicting, the
     * {@link ConcurrencyException} reaches the client as 409.
     */
    public <R> R sendAndWait(Object command) {
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(RequestMetadata.of(request));
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(message);
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * The position of the newest event in the store, read after the command committed: a projection that has
     * processed up to it has seen this command.
     */
    public String consistencyToken() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM " + EventStoreLayout.EVENT_TABLE, Long.class);
        return Long.toString(head == null ? 0 : head);
    }

    /** Builds a command's answer with the {@code Consistency-Token} header, and {@code Location} for creations. */
    public <T> ResponseEntity<T> answer(HttpStatus status, T body, String createdId, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(CONSISTENCY_TOKEN_HEADER, token);
        if (createdId != null) {
            URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(createdId).toUri();
            headers.setLocation(location);
        }
        return new ResponseEntity<>(body, headers, status);
    }

    private long send(Object command) {
        Object result = sendAndWait(command);
        return result instanceof Number number ? number.longValue() : 1L;
    }

    private ResponseEntity<CommandAnswer> answer(HttpStatus status, CommandAnswer body, String createdId) {
        return answer(status, body, createdId, body.consistencyToken());
    }
}
