package io.dealflow.command.opportunity;

/**
 * What a task command answers: the opportunity's coordinates and the task's id.
 */
record TaskAnswer(String id, long version, String consistencyToken, String taskId) {
}
