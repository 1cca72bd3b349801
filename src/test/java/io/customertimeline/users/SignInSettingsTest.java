package io.customertimeline.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.system.BadSetting;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Sign-in limits and the idle timeout that would lock everyone out, or sign everyone out, stop the start. */
@ExtendWith(OutputCaptureExtension.class)
class SignInSettingsTest {

    private static SignInLimits bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("timeline", SignInLimits.class);
    }

    @Test
    void defaultsAreFiveFailuresInFifteenMinutes() {
        assertThat(bind(Map.of())).isEqualTo(new SignInLimits(5, Duration.ofMinutes(15)));
        assertThat(bind(Map.of("timeline.signin-max-failures", "3", "timeline.signin-lockout", "1h")))
                .isEqualTo(new SignInLimits(3, Duration.ofHours(1)));
    }

    @Test
    void fewerThanOneFailureOrANonPositiveLockoutIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("timeline.signin-max-failures", "0")))
                .hasStackTraceContaining("TIMELINE_SIGNIN_MAX_FAILURES must be at least 1, not 0");
        assertThatThrownBy(() -> bind(Map.of("timeline.signin-lockout", "0s")))
                .hasStackTraceContaining("TIMELINE_SIGNIN_LOCKOUT must be longer than 0, not PT0S");
        assertThatThrownBy(() -> bind(Map.of("timeline.signin-lockout", "-15m"))).hasStackTraceContaining("TIMELINE_SIGNIN_LOCKOUT");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SignInLimits.class)
    @Import(SignInThrottle.class)
    static class Throttle {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Test
    void aNumberThatIsNotOneIsReportedAsABindingFailureNotAStackTrace(CapturedOutput output) {
        for (String setting : new String[] {"--timeline.signin-max-failures=abc", "--timeline.signin-lockout=abc"}) {
            var app = new SpringApplication(Throttle.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            assertThatThrownBy(() -> app.run(setting));
        }
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Property: timeline.signin-max-failures")
                .contains("Property: timeline.signin-lockout")
                .doesNotContain("\tat ");
    }

    @Test
    void anIdleTimeoutOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> new SignedInAccounts(null, Clock.systemUTC(), Duration.ZERO))
                .isInstanceOf(BadSetting.class)
                .hasMessage("TIMELINE_SESSION_TIMEOUT must be longer than 0, not PT0S");
        assertThatThrownBy(() -> new SignedInAccounts(null, Clock.systemUTC(), Duration.ofMinutes(-1)))
                .isInstanceOf(BadSetting.class);
    }
}
