/** The audit feed of a location's events in commit order, and its hash-chained NDJSON export. */
package io.dealflow.query.audit;
