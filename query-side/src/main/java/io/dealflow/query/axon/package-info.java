/** Axon plumbing of the query side: the read-model schema, the token store, the processors and their positions. */
package io.dealflow.query.axon;
