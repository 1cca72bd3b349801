package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** A bad setting stops the start with Spring Boot's short report: the variable and what is allowed, no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class BadSettingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TimelineProperties.class)
    @Import(DatabaseConfig.class)
    static class Database {
    }

    @Test
    void malformedDatabaseUrlStopsTheStartWithOneMessageThatHidesThePassword(CapturedOutput output) {
        var app = new SpringApplication(Database.class);
        app.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> app.run("--DATABASE_URL=postgresql://bob:hunter2 secret@localhost:5432/db"));

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("DATABASE_URL is not a valid postgresql:// URL: Illegal character in authority in "
                        + "postgresql://bob:***@localhost:5432/db")
                .contains("Change DATABASE_URL and start again.")
                .doesNotContain("hunter2")
                .doesNotContain("\tat ");
    }
}
