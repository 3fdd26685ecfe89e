package io.dealflow.command.http;

/**
 * What every command answers: the aggregate's id, its event-stream version after the command, and the token a query
 * passes as {@code Consistency-Token} to read its own write.
 */
public record CommandAnswer(String id, long version, String consistencyToken) {
}
