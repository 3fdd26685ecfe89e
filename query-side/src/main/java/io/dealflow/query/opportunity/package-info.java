/**
 * Opportunity detail (live, and as of an instant from its events) and search: every filter, keyset pages,
 * case-insensitive text search; and the public readers other doors use instead of SQL of their own
 * ({@link io.dealflow.query.opportunity.OpportunityReader}).
 */
package io.dealflow.query.opportunity;
