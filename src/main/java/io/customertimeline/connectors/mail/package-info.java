/**
 * Reads a mailbox over IMAP (Gmail with an app password included): incoming mail as inbound
 * email events for the sender, sent mail as outbound events for the recipient, threaded by
 * Message-ID, In-Reply-To and References.
 */
package io.customertimeline.connectors.mail;
