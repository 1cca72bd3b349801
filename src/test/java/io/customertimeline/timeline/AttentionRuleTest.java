package io.customertimeline.timeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AttentionRuleTest {

    @Test
    void aRuleThatDoesNotReadTheProfilesIsRefusedAtStartUp() {
        // the list narrows customer_profiles to its candidates; a rule reading only its own table
        // would bring every customer it matches into the reasons step
        assertThatThrownBy(() -> new AttentionRule("callback_missed",
                "SELECT t.customer_id, 'callback_missed', 'Missed callback', t.due_at FROM callbacks t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callback_missed");
    }
}
