package io.customertimeline.identity;

import java.util.UUID;

/**
 * Published inside the merging transaction after the core tables have moved to the survivor;
 * features that own customer rows of their own move them in a listener.
 */
public record ProfilesMerged(UUID survivor, UUID merged) {
}
