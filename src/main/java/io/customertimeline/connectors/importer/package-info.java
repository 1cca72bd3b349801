/**
 * Reads CSV and JSON Lines exports (orders, emails, social interactions, quote sessions, calls)
 * written in the seed's field names into canonical events, with line-numbered rejections.
 */
package io.customertimeline.connectors.importer;
