package io.customertimeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The firewall's loop refuses exactly what Spring Security's regular expressions refuse, and the service uses it. */
class FirewallTest {

    /** Spring Security 7's own rules for header and parameter names, and for header values. */
    static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    static final Pattern HEADER_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Provide
    Arbitrary<String> anyText() {
        // Every kind of character: ASCII with its controls, C1 controls, unassigned code points,
        // lone surrogates and pairs, beside ordinary letters.
        Arbitrary<String> anyChar = Arbitraries.chars().all().map(String::valueOf);
        Arbitrary<String> anyCodePoint = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .map(Character::toString);
        Arbitrary<String> tricky = Arbitraries.of("\t", "\u0000", "\u001f", "\u007f", "\u0085", "\u009f", "\u00a0", "é",
                "\u0378", "\ud800", "\udfff", "\ud83d\ude00", "\udb40\udc01", "\ue000", "\ufffe", "\u2028", "a", " ");
        return Arbitraries.oneOf(anyChar, anyCodePoint, tricky, Arbitraries.strings().ascii().ofMaxLength(3))
                .list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Property(tries = 3000)
    void namesAreRefusedExactlyAsSpringSecurityWould(@ForAll("anyText") String s) {
        assertThat(Firewall.allowed(s, false)).as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
                .isEqualTo(NAMES.matcher(s).matches());
    }

    @Property(tries = 3000)
    void headerValuesAreRefusedExactlyAsSpringSecurityWould(@ForAll("anyText") String s) {
        assertThat(Firewall.allowed(s, true)).as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
                .isEqualTo(HEADER_VALUES.matcher(s).matches());
    }

    @Example
    void theServiceRefusesAControlCharacterInAHeaderItReads() throws IOException {
        String bearer = "Authorization: Bearer " + TestApp.API_KEY;
        // A C1 control (byte 0x85, read as U+0085) in the key: refused by the firewall before any check.
        assertThat(statusLine(bearer + "\u0085")).startsWith("HTTP/1.1 400");
        // A letter outside ASCII passes the firewall and is then simply a wrong key.
        assertThat(statusLine(bearer + "é")).startsWith("HTTP/1.1 401");
        assertThat(statusLine(bearer)).startsWith("HTTP/1.1 404"); // the key itself: nobody is known by it
    }

    /** The first line of the answer to a raw request with this header line, sent as ISO-8859-1 bytes. */
    private static String statusLine(String header) throws IOException {
        TestApp app = TestApp.get();
        try (Socket socket = new Socket(app.uri("/").getHost(), app.uri("/").getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/timeline?action=profile&customerId=nobody-firewall@example.com HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n" + header + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        }
    }
}
