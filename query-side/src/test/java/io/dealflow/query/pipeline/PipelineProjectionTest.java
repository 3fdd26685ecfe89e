package io.dealflow.query.pipeline;

import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineDeleted;
import io.dealflow.events.pipeline.PipelineRenamed;
import io.dealflow.events.pipeline.PipelineStageAdded;
import io.dealflow.events.pipeline.PipelineStageProbabilityChanged;
import io.dealflow.events.pipeline.PipelineStageRemoved;
import io.dealflow.events.pipeline.PipelineStageRenamed;
import io.dealflow.events.pipeline.PipelineStagesReordered;
import io.dealflow.query.Given;
import io.dealflow.query.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineProjectionTest {

    private static final String LOCATION = "loc-pipe";

    private ProjectionHarness projection;
    private PipelineReader repository;
    private PipelineCreated sales;
    private String id;

    @BeforeEach
    void freshReadModel() {
        JdbcTemplate jdbc = ProjectionHarness.freshReadModel();
        projection = ProjectionHarness.of(jdbc, new PipelineProjection(jdbc));
        repository = new PipelineReader(jdbc);
        sales = Given.pipeline(LOCATION, "Sales", "New", "Demo", "Closing");
        id = sales.pipelineId();
    }

    @Test
    void createdPipelineHasItsStagesInOrder() {
        projection.when(sales);

        PipelineView view = view();
        assertThat(view.name()).isEqualTo("Sales");
        assertThat(view.stages()).extracting(StageView::name).containsExactly("New", "Demo", "Closing");
        assertThat(view.stages()).extracting(StageView::winProbability).containsExactly(10, 20, 30);
        assertThat(view.version()).isEqualTo(1);
    }

    @Test
    void renamesPipelineAndStagesAndChangesProbability() {
        projection.when(sales, new PipelineRenamed(id, LOCATION, "Enterprise"),
                new PipelineStageRenamed(id, LOCATION, stage(1), "Pitch"),
                new PipelineStageProbabilityChanged(id, LOCATION, stage(1), 65));

        assertThat(view().name()).isEqualTo("Enterprise");
        assertThat(view().stages().get(1)).isEqualTo(new StageView(stage(1), "Pitch", 1, 65));
        assertThat(view().version()).isEqualTo(4);
    }

    @Test
    void addedStageMovesLaterStagesDown() {
        projection.when(sales, new PipelineStageAdded(id, LOCATION, "s-new", "Qualified", 1, 15));

        assertThat(view().stages()).extracting(StageView::name).containsExactly("New", "Qualified", "Demo", "Closing");
        assertThat(view().stages()).extracting(StageView::position).containsExactly(0, 1, 2, 3);
    }

    @Test
    void removedStageMovesLaterStagesUp() {
        projection.when(sales, new PipelineStageRemoved(id, LOCATION, stage(1), stage(2)));

        assertThat(view().stages()).extracting(StageView::name).containsExactly("New", "Closing");
        assertThat(view().stages()).extracting(StageView::position).containsExactly(0, 1);
    }

    @Test
    void reorderedStagesTakeTheNewOrder() {
        projection.when(sales, new PipelineStagesReordered(id, LOCATION, List.of(stage(2), stage(0), stage(1))));

        assertThat(view().stages()).extracting(StageView::name).containsExactly("Closing", "New", "Demo");
    }

    @Test
    void deletedPipelineIsHidden() {
        projection.when(sales, new PipelineDeleted(id, LOCATION));

        assertThat(repository.find(LOCATION, id)).isEmpty();
        assertThat(repository.findAll(LOCATION)).isEmpty();
    }

    @Test
    void redeliveredEventsChangeNothing() {
        PipelineStageAdded added = new PipelineStageAdded(id, LOCATION, "s-new", "Qualified", 1, 15);
        projection.when(sales, added);

        projection.redeliver(added, 1, projection.lastTimestamp()).redeliver(sales, 0, projection.lastTimestamp());

        assertThat(view().stages()).extracting(StageView::name).containsExactly("New", "Qualified", "Demo", "Closing");
        assertThat(view().version()).isEqualTo(2);
    }

    private String stage(int index) {
        return sales.stages().get(index).id();
    }

    private PipelineView view() {
        return repository.find(LOCATION, id).orElseThrow();
    }
}
