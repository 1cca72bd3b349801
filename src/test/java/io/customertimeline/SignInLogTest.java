package io.customertimeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SignInLogTest {

    private final TestApp app = TestApp.get();

    @Test
    void aFailedSignInNamesAnAccountButNotANameThatIsNoAccountOftenAPasswordInTheWrongBox(CapturedOutput log) {
        String agent = People.create(app, Role.AGENT);
        String typedInTheWrongBox = "Winter" + TestApp.uniqueNumber() + "Secret!";

        new WebSession(app).signIn(agent, "not the password");
        new WebSession(app).signIn(typedInTheWrongBox, "anything");

        assertThat(log.getOut()).contains("Failed sign-in for user '" + agent + "'")
                .contains("Failed sign-in for an unknown username (" + typedInTheWrongBox.length() + " characters)")
                .doesNotContain(typedInTheWrongBox).doesNotContain(typedInTheWrongBox.replace('!', '?'));
    }
}
