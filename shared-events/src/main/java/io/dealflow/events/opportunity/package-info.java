/**
 * Facts in the life of an opportunity (a deal): created, moved through stages, closed, reopened, edited, deleted.
 */
package io.dealflow.events.opportunity;
