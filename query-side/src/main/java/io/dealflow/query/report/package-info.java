/**
 * Dashboard reports (win rate, conversion, funnel, forecast, stage durations, velocity) answered from rows the
 * reports projection keeps per deal, per stage visit and per day.
 */
package io.dealflow.query.report;
