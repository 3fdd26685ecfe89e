package io.dealflow.command.opportunity;

import java.time.Instant;

/**
 * What a task of an opportunity says now: its title, due date and assignee (the last two may be null).
 */
record TaskDetails(String title, Instant dueAt, String assignedTo) {
}
