/**
 * The people who sign in to the dashboard: accounts with roles (viewer, agent, admin), sign-in
 * with throttling, the audit of profile reads, and the admin's pages and settings.
 */
package io.customertimeline.users;
