/**
 * The deal workspace: the notes and tasks of each deal, and a location's tasks across its deals.
 */
package io.dealflow.query.workspace;
