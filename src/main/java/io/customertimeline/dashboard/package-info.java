/**
 * The staff dashboard at {@code /timeline}: customer list, profile card, timeline with filters,
 * insights and live updates (server-sent events fanned out through PostgreSQL LISTEN/NOTIFY).
 * Server-rendered with Thymeleaf and htmx; reads through the customers, timeline and insights features.
 */
package io.customertimeline.dashboard;
