package io.customertimeline.identity;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the database's {@code default_calling_code}, which {@code resolve_customer} uses to read a
 * national number typed in psql ({@code 082 555 1234}), that of {@code TIMELINE_DEFAULT_REGION}:
 * the migrations wrote South Africa's.
 */
@Component
class DefaultCallingCode implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final IdentifierParser parser;

    DefaultCallingCode(JdbcClient jdbc, IdentifierParser parser) {
        this.jdbc = jdbc;
        this.parser = parser;
    }

    @Override
    public void run(ApplicationArguments args) {
        String code = Integer.toString(parser.callingCode());
        jdbc.sql("UPDATE app_settings SET value = :code WHERE key = 'default_calling_code' AND value IS DISTINCT FROM :code")
                .param("code", code).update();
    }
}
