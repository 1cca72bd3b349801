/**
 * What a customer's history says: how often they get in touch (per week and month), which
 * channels they use, how fast we answer them, and how their sentiment moves.
 */
package io.customertimeline.insights;
