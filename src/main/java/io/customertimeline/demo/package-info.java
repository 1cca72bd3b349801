/**
 * Demo data: a made-up South African audio and electronics shop, fed through the real ingest
 * path so identity resolution, statistics and attention rules all apply.
 */
package io.customertimeline.demo;
