/**
 * Receiving webhooks safely: who may post (shared secrets and signatures, checked in constant time
 * against replay windows), and, with the core, the inbox that makes deliveries idempotent.
 */
package io.customertimeline.webhooks;
