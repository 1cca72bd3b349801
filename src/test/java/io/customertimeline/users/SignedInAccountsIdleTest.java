package io.customertimeline.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.TestApp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/** An open dashboard's own requests (live stream, live refreshes) do not keep an unattended session alive. */
class SignedInAccountsIdleTest {

    private final TestApp app = TestApp.get();
    private final MovingClock clock = new MovingClock();
    private final SignedInAccounts filter = new SignedInAccounts(app.bean(Users.class), clock, Duration.ofMinutes(30));

    @Test
    void anEmptySessionTimeoutMeansItsDefault() {
        // TIMELINE_SESSION_TIMEOUT set to nothing reaches the constructor as null
        org.assertj.core.api.Assertions.assertThatCode(() -> new SignedInAccounts(app.bean(Users.class), clock, null))
                .doesNotThrowAnyException();
    }

    @Test
    void aTabLeftOpenIsSignedOutAfterTheIdleTimeDespiteItsLiveUpdates() throws Exception {
        MockHttpSession session = signedIn();
        for (int minute = 5; minute <= 40; minute += 5) {
            clock.advance(Duration.ofMinutes(5));
            send(session, "/timeline/events", false); // the stream reconnecting
            send(session, "/timeline/customers/x/profile", true); // a live refresh of the open card
        }
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void aPersonAtWorkStaysSignedIn() throws Exception {
        MockHttpSession session = signedIn();
        for (int minute = 20; minute <= 120; minute += 20) {
            clock.advance(Duration.ofMinutes(20));
            send(session, "/timeline", false);
        }
        assertThat(session.isInvalid()).isFalse();
    }

    private MockHttpSession signedIn() {
        String name = TestApp.unique("idle-").toLowerCase();
        app.bean(Users.class).create(name, "correct horse battery", Role.VIEWER);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/signin");
        request.setSession(new MockHttpSession());
        filter.signedIn(request, name);
        return (MockHttpSession) request.getSession();
    }

    private void send(MockHttpSession session, String path, boolean liveUpdate) throws Exception {
        if (session.isInvalid()) {
            return;
        }
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setSession(session);
        if (liveUpdate) {
            request.addHeader("X-Live-Update", "1");
        }
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-03-02T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
