-- The contact of each opportunity, for the rule "a contact has at most one open opportunity per pipeline" (location
-- setting allowDuplicateOpportunity) and for the HighLevel upsert's match on contact and pipeline.
ALTER TABLE command_model.opportunity_lookup ADD COLUMN contact_id VARCHAR(255);

-- Opportunities created before this column existed take their contact from their events: the newest of
-- OpportunityCreated and OpportunityContactChanged (payloads are JSON in bytea). On a new database the event store
-- may not exist yet, and then there is nothing to take.
DO $$
BEGIN
    IF to_regclass('event_store.domain_event_entry') IS NOT NULL THEN
        UPDATE command_model.opportunity_lookup lookup
        SET contact_id = latest.contact_id
        FROM (
            SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier,
                   convert_from(payload, 'UTF8')::jsonb -> 'contact' ->> 'id' AS contact_id
            FROM event_store.domain_event_entry
            WHERE payload_type IN ('io.dealflow.events.opportunity.OpportunityCreated',
                                   'io.dealflow.events.opportunity.OpportunityContactChanged')
            ORDER BY aggregate_identifier, sequence_number DESC
        ) latest
        WHERE latest.aggregate_identifier = lookup.opportunity_id;
    END IF;
END
$$;

CREATE INDEX opportunity_lookup_open_of_contact ON command_model.opportunity_lookup
    (location_id, pipeline_id, contact_id) WHERE status = 'open' AND NOT deleted AND contact_id IS NOT NULL;
