package io.dealflow.highlevel.opportunity;

import io.dealflow.events.Contact;
import io.dealflow.highlevel.http.Timestamps;
import io.dealflow.query.opportunity.OpportunityReader;
import io.dealflow.query.opportunity.OpportunityView;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Opportunities in HighLevel's shape, read through the query side's {@link OpportunityReader}; search maps its hits
 * with {@link #opportunity}.
 */
@Component
public class HighLevelOpportunityReader {

    private final OpportunityReader opportunities;

    HighLevelOpportunityReader(OpportunityReader opportunities) {
        this.opportunities = opportunities;
    }

    /** The opportunity of that id unless it is deleted, whatever its location. */
    public Optional<HighLevelOpportunity> find(String opportunityId) {
        return opportunities.find(opportunityId).map(HighLevelOpportunityReader::opportunity);
    }

    /** A deal of the read model as HighLevel shows it. */
    public static HighLevelOpportunity opportunity(OpportunityView deal) {
        String status = deal.status();
        String updatedAt = time(deal.updatedAt());
        return new HighLevelOpportunity(deal.id(), deal.name(), plain(deal.monetaryValue()), deal.pipelineId(),
                deal.stageId(), deal.assignedTo(), status, deal.source(), time(deal.lastStatusChangeAt()),
                time(deal.lastStageChangeAt()), updatedAt, deal.version(), time(deal.createdAt()), updatedAt,
                deal.contact() == null ? null : deal.contact().id(), deal.locationId(), contact(deal.contact()),
                "lost".equals(status) ? deal.lostReasonId() : null, customFields(deal), deal.followers());
    }

    private static HighLevelOpportunity.ContactView contact(Contact contact) {
        return contact == null ? null : new HighLevelOpportunity.ContactView(contact.id(), contact.name(),
                contact.companyName(), contact.email(), contact.phone(), List.of());
    }

    /** 1000.00 reads as 1000 and 10.50 as 10.5, as HighLevel writes numbers. */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static List<HighLevelOpportunity.CustomFieldValue> customFields(OpportunityView deal) {
        return deal.customFields().entrySet().stream()
                .map(field -> new HighLevelOpportunity.CustomFieldValue(field.getKey(), field.getValue()))
                .toList();
    }

    private static String time(Instant value) {
        return value == null ? null : Timestamps.format(value);
    }
}
