/**
 * Reads quote chat sessions from the quote system's Supabase project through its PostgREST API,
 * ordered by {@code last_activity_at}, so status changes update the one quote record.
 */
package io.customertimeline.connectors.quotechat;
