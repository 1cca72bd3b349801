/**
 * The running system: database (embedded or external) and where transactions begin,
 * configuration, secrets, API access and error mapping. Features depend on it; it depends on no feature.
 */
package io.customertimeline.system;
