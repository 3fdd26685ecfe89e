package io.dealflow.command.opportunity;

/**
 * What a note command answers: the opportunity's coordinates and the note's id.
 */
record NoteAnswer(String id, long version, String consistencyToken, String noteId) {
}
