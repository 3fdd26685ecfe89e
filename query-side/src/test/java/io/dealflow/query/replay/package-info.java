/** Tests of the rebuild plumbing. */
package io.dealflow.query.replay;
