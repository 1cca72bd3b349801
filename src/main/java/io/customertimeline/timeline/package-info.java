/**
 * Reading the timeline: the seed's {@code /api/timeline} actions (a customer's entries, profile,
 * details, threads, quotes, orders) and the customer lists (search, recent, top LTV, attention).
 */
package io.customertimeline.timeline;
