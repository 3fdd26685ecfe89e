-- Projection "reports": the close and creation day rows are also counted across every pipeline, under pipeline_id ''
-- as the month rows are (the creation rows across every pipeline leave the furthest stage out, ''), so a report
-- without a pipeline reads one set of day rows for the whole days at the edges of its range instead of one per
-- pipeline. The primary keys put the pipeline before the day, so the days of a range for one pipeline (or for '') are
-- one contiguous stretch of the index instead of every pipeline's rows of those days.

ALTER TABLE read_model.report_close_day DROP CONSTRAINT report_close_day_pkey;
ALTER TABLE read_model.report_close_day
    ADD PRIMARY KEY (location_id, dimension, pipeline_id, day, dim_key, currency, status);

ALTER TABLE read_model.report_created_day DROP CONSTRAINT report_created_day_pkey;
ALTER TABLE read_model.report_created_day ADD PRIMARY KEY (location_id, pipeline_id, day, furthest_stage_id, won);

-- A database migrated with deals already in it: count the days across every pipeline from the per-pipeline rows.
INSERT INTO read_model.report_close_day (location_id, dimension, day, pipeline_id, dim_key, currency, status, deals,
                                         total_value, cycle_millis)
SELECT location_id, dimension, day, '', dim_key, currency, status, sum(deals), sum(total_value), sum(cycle_millis)
FROM read_model.report_close_day
GROUP BY location_id, dimension, day, dim_key, currency, status
HAVING sum(deals) <> 0 OR sum(total_value) <> 0 OR sum(cycle_millis) <> 0;

INSERT INTO read_model.report_created_day (location_id, day, pipeline_id, furthest_stage_id, won, deals)
SELECT location_id, day, '', '', won, sum(deals)
FROM read_model.report_created_day
GROUP BY location_id, day, won
HAVING sum(deals) <> 0;
