/**
 * Notes that agents and admins write on a customer (read by everyone who may read the customer);
 * they move to the surviving profile when two profiles merge.
 */
package io.customertimeline.notes;
