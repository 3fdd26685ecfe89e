/** Canonical JSON and hash chain of audit exports, and the offline verifier of an exported file. */
package io.dealflow.query.audit.verify;
