package io.dealflow.events.opportunity;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.dealflow.events.LossReason;
import org.axonframework.serialization.Revision;

/**
 * An opportunity was marked lost. It keeps its stage.
 * <p>Revision 1: {@code lostReasonId} and {@code lostReason} as two top-level fields.
 * <p>Revision 2: both inside one structured {@code reason}; {@link OpportunityLost1To2Upcaster} reads revision 1.
 *
 * @param reason why it was lost; null when no reason was given
 */
@Revision("2")
public record OpportunityLost(String opportunityId, String locationId, LossReason reason) {

    @JsonCreator
    public OpportunityLost {
    }

    /** A loss with a catalogue reason id and/or a free-text reason, either may be null. */
    public OpportunityLost(String opportunityId, String locationId, String lostReasonId, String lostReason) {
        this(opportunityId, locationId, LossReason.of(lostReasonId, lostReason));
    }

    /** Id of a lost reason of the location, or null. */
    public String lostReasonId() {
        return reason == null ? null : reason.lostReasonId();
    }

    /** Free-text reason, or the lost reason's name at the time, or null. */
    public String lostReason() {
        return reason == null ? null : reason.text();
    }
}
