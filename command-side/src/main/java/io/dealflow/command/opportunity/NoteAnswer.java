package io.dealflow.command.opportunity;

/**
 * What adding a note answers: the opportunity's coordinates and the new note's id.
 */
record NoteAnswer(String id, long version, String consistencyToken, String noteId) {
}
