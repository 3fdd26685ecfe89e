package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * The monetary value or currency of an opportunity changed.
 * <p>Revision 1: first shape.
 *
 * @param monetaryValue the new value, never negative, at most two decimals
 * @param currency      the new ISO 4217 code
 */
@Revision("1")
public record OpportunityValueChanged(String opportunityId, String locationId, BigDecimal monetaryValue,
                                      String currency) {
}
