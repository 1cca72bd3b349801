package io.customertimeline.calls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Payload files under {@code src/test/resources/calls/}. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/calls/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /calls/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
