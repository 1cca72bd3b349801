package io.customertimeline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP balancer for the two-instance measurement: each new client connection goes to
 * the next backend in turn ({@code --listen=8100 --backends=8090,8091}). It stops by itself after
 * {@code --duration} seconds (default 600).
 */
public final class Balancer {

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<InetSocketAddress> backends = new ArrayList<>();
        for (String port : args.get("backends", "8090,8091").split(",")) {
            backends.add(new InetSocketAddress(loopback, Integer.parseInt(port.strip())));
        }
        long deadline = System.currentTimeMillis() + 1000L * Math.min(3600, args.whole("duration", 600));
        AtomicLong next = new AtomicLong();
        try (ServerSocket server = new ServerSocket(args.integer("listen", 8100), 512, loopback)) {
            server.setSoTimeout(1000);
            System.out.println("balancing 127.0.0.1:" + server.getLocalPort() + " over " + backends);
            while (System.currentTimeMillis() < deadline) {
                Socket client;
                try {
                    client = server.accept();
                } catch (java.net.SocketTimeoutException idle) {
                    continue;
                }
                InetSocketAddress to = backends.get((int) (next.getAndIncrement() % backends.size()));
                Thread t = new Thread(() -> connect(client, to), "balancer-conn");
                t.setDaemon(true);
                t.start();
            }
        }
        System.exit(0);
    }

    private static void connect(Socket client, InetSocketAddress to) {
        try {
            Socket backend = new Socket();
            backend.connect(to, 2000);
            client.setTcpNoDelay(true);
            backend.setTcpNoDelay(true);
            Thread up = new Thread(() -> pump(client, backend));
            up.setDaemon(true);
            up.start();
            pump(backend, client);
        } catch (IOException e) {
            close(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException ignored) {
            // either side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
