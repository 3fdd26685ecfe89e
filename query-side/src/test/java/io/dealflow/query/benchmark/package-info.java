/** Programs that measure the read side and print their figures; run by hand, not part of the test suite. */
package io.dealflow.query.benchmark;
