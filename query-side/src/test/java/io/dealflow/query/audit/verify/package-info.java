/** Tests of the export chain and verifier. */
package io.dealflow.query.audit.verify;
