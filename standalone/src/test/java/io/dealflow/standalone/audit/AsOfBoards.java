package io.dealflow.standalone.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A live board in the shape the as-of board answers: the as-of board carries no task figures on its cards
 * ({@code openTasks} and {@code nextTaskDueAt} are null there, docs/api.md), everything else must be equal.
 */
final class AsOfBoards {

    private AsOfBoards() {
    }

    static JsonNode withoutTaskFigures(JsonNode liveBoard) {
        JsonNode board = liveBoard.deepCopy();
        for (JsonNode stage : board.get("stages")) {
            for (JsonNode card : stage.get("opportunities")) {
                ((ObjectNode) card).putNull("openTasks");
                ((ObjectNode) card).putNull("nextTaskDueAt");
            }
        }
        return board;
    }
}
