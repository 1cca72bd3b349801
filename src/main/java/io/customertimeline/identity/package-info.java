/**
 * Who is who: identifiers (email, phone, social handle, OpenCart id) parsed at the edge, each
 * owned by one profile; events that link two profiles merge them, and the merge is recorded.
 */
package io.customertimeline.identity;
