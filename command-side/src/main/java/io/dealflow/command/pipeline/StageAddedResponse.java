package io.dealflow.command.pipeline;

/**
 * Answer of {@code POST /pipelines/{id}/stages}: the usual command answer plus the new stage's id.
 */
record StageAddedResponse(String id, long version, String consistencyToken, String stageId) {
}
