package io.customertimeline.system;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses a {@code PORT} outside 0..65535 (0: any free port, as the tests use): given -1, Tomcat
 * started and said it listened "on port -1".
 */
@Component
class ServerPort implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    private final ServerProperties server;

    ServerPort(ServerProperties server) {
        this.server = server;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        Integer port = server.getPort();
        if (port != null && (port < 0 || port > 65535)) {
            throw new BadSetting("PORT", "must be from 0 to 65535 (0: any free port), not " + port);
        }
    }
}
