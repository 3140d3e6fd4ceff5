package io.lotabots.bot.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the mock API server that resets the connection of the next requests on demand (RST, as a
 * load balancer that drops a connection does), and forwards everything else unchanged.
 */
final class ResettingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();

    ResettingProxy(final String targetHost, final int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "resetting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void resetNext(final int count) {
        resets.set(count);
    }

    int resetsDone() {
        return done.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            }
            catch (IOException e) {
                return;
            }
            try {
                Socket upstream = connect();
                start(() -> pipe(client, upstream, true));
                start(() -> pipe(upstream, client, false));
            }
            catch (IOException e) {
                try {
                    client.close();
                }
                catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private Socket connect() throws IOException {
        IOException last = new IOException("no address for " + targetHost);
        for (InetAddress address : InetAddress.getAllByName(targetHost)) {
            try {
                return new Socket(address, targetPort);
            }
            catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static void start(final Runnable runnable) {
        Thread thread = new Thread(runnable, "resetting-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private void pipe(final Socket from, final Socket to, final boolean request) {
        byte[] buffer = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (request && resets.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    done.incrementAndGet();
                    from.setSoLinger(true, 0);
                    from.close();
                    to.close();
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        catch (IOException e) {
            // the other side closed
        }
        finally {
            try {
                from.close();
                to.close();
            }
            catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
