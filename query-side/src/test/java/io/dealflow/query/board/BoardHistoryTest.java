package io.dealflow.query.board;

import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.dealflow.events.opportunity.OpportunityTaskReopened;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.query.BatchHarness;
import io.dealflow.query.Given;
import io.dealflow.query.ProjectionHarness;
import io.dealflow.query.asof.HistoryProjections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task figures of the board as of an instant ({@code openTasks}, {@code nextTaskDueAt}): the history processor
 * keeps task versions on a real database and the as-of board reads the ones valid then. A task event after the
 * instant must not count, one at or before it must.
 */
class BoardHistoryTest {

    private static final String LOCATION = "loc-board-history";
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant MONDAY = Instant.parse("2026-02-02T09:00:00Z");
    private static final Instant FRIDAY = Instant.parse("2026-02-06T17:00:00Z");

    private final BatchHarness store = new BatchHarness();
    private JdbcTemplate jdbc;
    private PipelineCreated pipeline;
    private String deal;

    @BeforeEach
    void aDealOnTheBoard() {
        jdbc = ProjectionHarness.freshReadModel();
        pipeline = Given.pipeline(LOCATION, "Sales", "New", "Demo");
        OpportunityCreated created = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
        deal = created.opportunityId();
        at(1, pipeline);
        at(2, created);
    }

    @Test
    void countsATaskAddedBeforeTheInstantAndNotOneAddedAfter() {
        at(3, added("t1", FRIDAY));
        at(5, added("t2", MONDAY));

        project();

        assertThat(figuresAfter(2)).isEqualTo(new Figures(0, null));
        assertThat(figuresAfter(3)).isEqualTo(new Figures(1, FRIDAY));
        assertThat(figuresAfter(5)).isEqualTo(new Figures(2, MONDAY));
    }

    @Test
    void countsATaskAddedAtTheInstantItself() {
        at(3, added("t1", FRIDAY));

        project();

        assertThat(figures(START.plusSeconds(3))).isEqualTo(new Figures(1, FRIDAY));
        assertThat(figures(START.plusSeconds(3).minusMillis(1))).isEqualTo(new Figures(0, null));
    }

    @Test
    void countsATaskCompletedAfterTheInstantAsOpen() {
        at(3, added("t1", FRIDAY));
        at(5, new OpportunityTaskCompleted(deal, LOCATION, "t1"));

        project();

        assertThat(figuresAfter(3)).isEqualTo(new Figures(1, FRIDAY));
        assertThat(figuresAfter(5)).isEqualTo(new Figures(0, null));
    }

    @Test
    void countsATaskReopenedBeforeTheInstantAndNotOneReopenedAfter() {
        at(3, added("t1", FRIDAY));
        at(4, new OpportunityTaskCompleted(deal, LOCATION, "t1"));
        at(6, new OpportunityTaskReopened(deal, LOCATION, "t1"));

        project();

        assertThat(figuresAfter(4)).isEqualTo(new Figures(0, null));
        assertThat(figuresAfter(6)).isEqualTo(new Figures(1, FRIDAY));
    }

    @Test
    void countsATaskDeletedAfterTheInstant() {
        at(3, added("t1", FRIDAY));
        at(5, new OpportunityTaskDeleted(deal, LOCATION, "t1"));

        project();

        assertThat(figuresAfter(3)).isEqualTo(new Figures(1, FRIDAY));
        assertThat(figuresAfter(5)).isEqualTo(new Figures(0, null));
    }

    @Test
    void showsTheDueDateATaskHadAtTheInstantWhenItIsEditedAfter() {
        at(3, added("t1", FRIDAY));
        at(5, new OpportunityTaskEdited(deal, LOCATION, "t1", "Call back sooner", MONDAY, "ann"));
        at(7, new OpportunityTaskEdited(deal, LOCATION, "t1", "Call back some day", null, "ann"));

        project();

        assertThat(figuresAfter(3)).isEqualTo(new Figures(1, FRIDAY));
        assertThat(figuresAfter(5)).isEqualTo(new Figures(1, MONDAY));
        assertThat(figuresAfter(7)).isEqualTo(new Figures(1, null));
    }

    @Test
    void nextDueDateIsTheSoonestOfTheTasksOpenAtTheInstant() {
        at(3, added("early", MONDAY));
        at(4, added("late", FRIDAY));
        at(4, added("undated", null));
        at(6, new OpportunityTaskCompleted(deal, LOCATION, "early"));

        project();

        assertThat(figuresAfter(4)).isEqualTo(new Figures(3, MONDAY));
        assertThat(figuresAfter(6)).isEqualTo(new Figures(2, FRIDAY));
    }

    @Test
    void aTitleOrAssigneeChangeMakesNoNewVersion() {
        at(3, added("t1", FRIDAY));
        at(5, new OpportunityTaskEdited(deal, LOCATION, "t1", "Renamed", FRIDAY, "bob"));

        project();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.task_version", Long.class)).isEqualTo(1);
        assertThat(figuresAfter(5)).isEqualTo(new Figures(1, FRIDAY));
    }

    @Test
    void tasksOfAnotherDealDoNotCount() {
        OpportunityCreated other = Given.opportunity(pipeline, 0, "Beta", "20", "bob");
        at(3, other);
        at(4, new OpportunityTaskAdded(other.opportunityId(), LOCATION, "t9", "Other's task", MONDAY, null));

        project();

        assertThat(figuresAfter(4)).isEqualTo(new Figures(0, null));
    }

    private OpportunityTaskAdded added(String taskId, Instant dueAt) {
        return new OpportunityTaskAdded(deal, LOCATION, taskId, "Call back", dueAt, "ann");
    }

    private void at(int second, Object payload) {
        store.event(payload, START.plusSeconds(second), "key-1");
    }

    /** Hands every event made so far to the history processor's handlers in one batch. */
    private void project() {
        BatchHarness.handle(jdbc, store.events(), HistoryProjections.on(jdbc));
    }

    /** The deal's task figures on the as-of board half a second after the events of that second. */
    private Figures figuresAfter(int second) {
        return figures(START.plusSeconds(second).plusMillis(500));
    }

    private Figures figures(Instant asOf) {
        List<BoardView.Card> cards = new BoardHistory(jdbc).cards(pipeline.pipelineId(),
                pipeline.stages().get(0).id(), new BoardFilter(null, null, List.of()), null, 10, asOf);
        BoardView.Card card = cards.stream().filter(candidate -> candidate.id().equals(deal)).findFirst()
                .orElseThrow(() -> new AssertionError("no card of the deal at " + asOf));
        return new Figures(card.openTasks(), card.nextTaskDueAt());
    }

    private record Figures(int openTasks, Instant nextTaskDueAt) {
    }
}
