package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;

class ServerPortTest {

    private static ServerPort port(Integer port) {
        var server = new ServerProperties();
        server.setPort(port);
        return new ServerPort(server);
    }

    @Test
    void aPortOutsideTheTcpRangeIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> port(-1).customize(null))
                .isInstanceOf(BadSetting.class)
                .hasMessage("PORT must be from 0 to 65535 (0: any free port), not -1");
        assertThatThrownBy(() -> port(65536).customize(null)).isInstanceOf(BadSetting.class);
    }

    @Test
    void zeroTakesAnyFreePortAndUnsetIsTheDefault() {
        assertThatCode(() -> port(0).customize(null)).doesNotThrowAnyException();
        assertThatCode(() -> port(65535).customize(null)).doesNotThrowAnyException();
        assertThatCode(() -> port(null).customize(null)).doesNotThrowAnyException();
    }
}
