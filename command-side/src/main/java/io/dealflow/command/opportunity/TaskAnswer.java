package io.dealflow.command.opportunity;

/**
 * What adding or completing a task answers: the opportunity's coordinates and the task's id.
 */
record TaskAnswer(String id, long version, String consistencyToken, String taskId) {
}
