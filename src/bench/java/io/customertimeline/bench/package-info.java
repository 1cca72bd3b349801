/**
 * Benchmarks (BENCHMARKS.md): a deterministic shop generator with COPY bulk load, an open- and
 * closed-loop HTTP load tool, the seed's design as an SQL baseline, a loopback balancer and the
 * chart. Built only with {@code mvn -Pbench}; nothing here runs in {@code mvn verify}.
 */
package io.customertimeline.bench;
