package io.customertimeline;

import io.customertimeline.users.Role;
import io.customertimeline.users.Users;

/** Dashboard accounts for tests, each with its own name. */
final class People {

    static final String PASSWORD = "correct horse battery";

    private People() {
    }

    static String create(TestApp app, Role role) {
        String name = TestApp.unique(role.wire() + "-").toLowerCase();
        app.bean(Users.class).create(name, PASSWORD, role);
        return name;
    }
}
