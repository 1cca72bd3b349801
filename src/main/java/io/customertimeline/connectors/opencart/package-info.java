/**
 * Reads orders from an OpenCart 3.0.x or 4.x database (MySQL/MariaDB), read-only, incrementally by
 * {@code date_modified} and order id.
 */
package io.customertimeline.connectors.opencart;
