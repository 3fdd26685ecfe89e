/** Tests of as-of parameters. */
package io.dealflow.query.asof;
