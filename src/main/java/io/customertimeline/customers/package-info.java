/**
 * Customer profiles: contact details, status, and the statistics (orders, spend, LTV,
 * interaction counts, sentiment score and trend) kept current with every event.
 */
package io.customertimeline.customers;
