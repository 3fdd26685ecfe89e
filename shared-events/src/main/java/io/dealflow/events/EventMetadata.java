package io.dealflow.events;

/**
 * Keys of the event metadata. Who and why travel in metadata, never in payloads, so auditors read them the same way
 * on every event.
 */
public final class EventMetadata {

    /** The principal that caused the event: an API key id, or {@code anonymous}. */
    public static final String ACTOR = "actor";
    /** Human name of the actor (the API key's name). */
    public static final String ACTOR_NAME = "actorName";
    /** A user id the client acts on behalf of ({@code X-Acting-User}); recorded beside the actor, never instead. */
    public static final String ACTING_USER = "actingUser";
    /**
     * Correlation id: the same for every event a request caused, also across nested commands; the client's
     * {@code X-Correlation-Id}, else the request id.
     */
    public static final String CORRELATION_ID = "correlationId";
    /** Id of the message (command or event) that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** The HTTP request id ({@code X-Request-Id}, or generated). */
    public static final String REQUEST_ID = "requestId";
    /** Which API the command came through: {@code native} or {@code highlevel}. */
    public static final String DOOR = "door";
    /** The bulk operation whose item caused the event (bulk actions and their undo); absent otherwise. */
    public static final String BULK_OPERATION_ID = "bulkOperationId";
    /** The CSV import whose row caused the event; absent otherwise. */
    public static final String IMPORT_ID = "importId";
    /** {@link #DOOR} of commands sent through dealflow's own API. */
    public static final String NATIVE_DOOR = "native";
    /** {@link #DOOR} of commands sent through the HighLevel-compatible API. */
    public static final String HIGHLEVEL_DOOR = "highlevel";

    /**
     * Prefix of servlet request attributes that become event metadata: a filter that authenticates a request sets
     * {@code REQUEST_ATTRIBUTE_PREFIX + ACTOR} (and {@code ACTOR_NAME}, {@code DOOR}); the command side copies them
     * into the metadata of every command the request sends.
     */
    public static final String REQUEST_ATTRIBUTE_PREFIX = "io.dealflow.metadata.";

    /** Actor recorded when no principal is known. */
    public static final String ANONYMOUS = "anonymous";

    private EventMetadata() {
    }
}
