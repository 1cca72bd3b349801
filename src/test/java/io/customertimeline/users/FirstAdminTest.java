package io.customertimeline.users;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.system.BadSetting;
import org.junit.jupiter.api.Test;

/** A configured first admin password that is too short stops the start naming the variable, never the password. */
class FirstAdminTest {

    private final Users noUsersYet = new Users(null, null) {
        @Override
        public boolean any() {
            return false;
        }
    };

    @Test
    void aShortPasswordIsRefusedByItsLengthOnly() {
        assertThatThrownBy(() -> new FirstAdmin(noUsersYet, null, "short", new org.springframework.mock.env.MockEnvironment()).run(null))
                .isInstanceOf(BadSetting.class)
                .hasMessage("TIMELINE_ADMIN_PASSWORD must be at least 10 characters, not 5 (the value is not shown)");
    }
}
