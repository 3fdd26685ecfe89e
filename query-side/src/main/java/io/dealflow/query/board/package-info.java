/** The pipeline board: open deals per stage with per-stage count, value and weighted value. */
package io.dealflow.query.board;
