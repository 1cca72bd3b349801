/**
 * Follow-up tasks: what staff must do after a touchpoint (call back, send the promised quote,
 * resolve a complaint or an order problem, answer an email or a post) and by when.
 */
package io.customertimeline.tasks;
