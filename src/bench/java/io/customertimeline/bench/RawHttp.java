package io.customertimeline.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client with one keep-alive connection per thread. On a 2-core
 * machine the load generator shares the CPU with the service and its database, so it must be
 * cheap: this costs a fraction of {@code java.net.http.HttpClient} per request.
 */
final class RawHttp {

    record Response(int status, String body) {
    }

    private static final class Conn {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Conn(String host, int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16384);
            out = socket.getOutputStream();
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
        return send(("GET " + path + " HTTP/1.1\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8), null);
    }

    Response post(String path, String json) throws IOException {
        return post(path, json, null);
    }

    /** A POST with a {@code webhook-id} header when {@code webhookId} is not null. */
    Response post(String path, String json, String webhookId) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\n" + headers + (webhookId == null ? "" : "webhook-id: " + webhookId + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        return send(head, body);
    }

    private Response send(byte[] head, byte[] body) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Conn c = conns.get();
            boolean fresh = c == null;
            try {
                if (fresh) {
                    c = new Conn(host, port);
                    conns.set(c);
                }
                c.out.write(head);
                if (body != null) {
                    c.out.write(body);
                }
                c.out.flush();
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
        String status = line(c.in);
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String h = line(c.in); !h.isEmpty(); h = line(c.in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closeAfter = true;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 ? (int) length : 1024);
        if (chunked) {
            while (true) {
                String size = line(c.in);
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                if (n == 0) {
                    line(c.in); // trailer end
                    break;
                }
                copy(c.in, out, n);
                line(c.in);
            }
        } else if (length >= 0) {
            copy(c.in, out, length);
        } else {
            c.in.transferTo(out);
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, out.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long n) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new EOFException("response cut short");
            }
            out.write(buf, 0, r);
            n -= r;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        int ch;
        while ((ch = in.read()) != '\n') {
            if (ch < 0) {
                throw new EOFException("connection closed");
            }
            if (ch != '\r') {
                b.append((char) ch);
            }
        }
        return b.toString();
    }
}
