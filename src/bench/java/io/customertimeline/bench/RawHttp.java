package io.customertimeline.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client with one keep-alive connection per thread. On a 2-core
 * machine the load generator shares the CPU with the service and its database, so it must be
 * cheap: this costs a fraction of {@code java.net.http.HttpClient} per request. It reads the
 * socket through a buffer of its own, not byte by byte through a synchronized stream, and leaves
 * the body as bytes until a caller asks for its text (BENCHMARKS.md, twenty-sixth round).
 */
final class RawHttp {

    /** The body's text is decoded only when asked for: the read workloads look at the status alone. */
    record Response(int status, byte[] content) {
        String body() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final class Conn {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buf = new byte[32768];
        int pos;
        int lim;

        Conn(String host, int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Reads more into the buffer when it is empty; false at the end of the stream. */
        boolean fill() throws IOException {
            if (pos < lim) {
                return true;
            }
            pos = 0;
            lim = Math.max(0, in.read(buf));
            return lim > 0;
        }

        /** One line without its CR LF. */
        String line() throws IOException {
            StringBuilder b = null;
            while (fill()) {
                for (int i = pos; i < lim; i++) {
                    if (buf[i] == '\n') {
                        int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                        String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                        pos = i + 1;
                        if (b == null) {
                            return part;
                        }
                        // a CR that ended the previous read belongs to this line's end
                        String line = b.append(part).toString();
                        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                    }
                }
                if (b == null) {
                    b = new StringBuilder(64);
                }
                b.append(new String(buf, pos, lim - pos, StandardCharsets.ISO_8859_1));
                pos = lim;
            }
            throw new EOFException("connection closed");
        }

        /** The next {@code n} bytes into {@code to} at {@code at}. */
        void read(byte[] to, int at, int n) throws IOException {
            while (n > 0) {
                if (!fill()) {
                    throw new EOFException("response cut short");
                }
                int k = Math.min(n, lim - pos);
                System.arraycopy(buf, pos, to, at, k);
                pos += k;
                at += k;
                n -= k;
            }
        }
    }

    private final String host;
    private final int port;
    private final String headers;
    private final ThreadLocal<Conn> conns = new ThreadLocal<>();

    RawHttp(String host, int port, String bearer) {
        this(host, port, "Authorization", "Bearer " + bearer);
    }

    /** Every request carries this one header besides Host: the API key, or a dashboard session's cookie. */
    RawHttp(String host, int port, String authHeader, String authValue) {
        this.host = host;
        this.port = port;
        this.headers = "Host: " + host + ":" + port + "\r\n" + authHeader + ": " + authValue + "\r\n";
    }

    Response get(String path) throws IOException {
        return send(("GET " + path + " HTTP/1.1\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    Response post(String path, String json) throws IOException {
        return post(path, json, null);
    }

    /** A POST with a {@code webhook-id} header when {@code webhookId} is not null. */
    Response post(String path, String json, String webhookId) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\n" + headers + (webhookId == null ? "" : "webhook-id: " + webhookId + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] request = Arrays.copyOf(head, head.length + body.length); // one write, so one segment for the server to read
        System.arraycopy(body, 0, request, head.length, body.length);
        return send(request);
    }

    private Response send(byte[] request) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Conn c = conns.get();
            boolean fresh = c == null;
            try {
                if (fresh) {
                    c = new Conn(host, port);
                    conns.set(c);
                }
                c.out.write(request);
                return read(c);
            } catch (IOException e) {
                close();
                if (fresh || attempt > 0) {
                    throw e; // a kept-alive connection the server closed is retried once on a new one
                }
            }
        }
    }

    void close() {
        Conn c = conns.get();
        conns.remove();
        if (c != null) {
            try {
                c.socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private Response read(Conn c) throws IOException {
        String status = c.line();
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String h = c.line(); !h.isEmpty(); h = c.line()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closeAfter = true;
            }
        }
        byte[] body;
        if (chunked) {
            body = new byte[16384];
            int len = 0;
            while (true) {
                String size = c.line();
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                if (n == 0) {
                    c.line(); // trailer end
                    break;
                }
                if (len + n > body.length) {
                    body = Arrays.copyOf(body, Math.max(2 * body.length, len + n));
                }
                c.read(body, len, n);
                len += n;
                c.line();
            }
            body = Arrays.copyOf(body, len);
        } else if (length >= 0) {
            body = new byte[length];
            c.read(body, 0, length);
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(c.buf, c.pos, c.lim - c.pos);
            c.pos = c.lim;
            c.in.transferTo(out);
            body = out.toByteArray();
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, body);
    }
}
