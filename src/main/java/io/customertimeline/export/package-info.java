/**
 * A customer's timeline, with the same filters as the dashboard, as CSV (spreadsheet-safe) and as
 * a PDF report with the profile. Served by the API, for machine callers and signed-in people.
 */
package io.customertimeline.export;
