/**
 * CSV import (streamed in, applied row by row through the ordinary commands, idempotent by externalId) and export
 * (every match of a search, streamed out), with spreadsheet hygiene on both ways.
 */
package io.dealflow.bulk.csv;
