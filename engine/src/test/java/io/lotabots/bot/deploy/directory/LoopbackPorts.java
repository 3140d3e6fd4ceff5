package io.lotabots.bot.deploy.directory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports for the directory target's tests: the blue and green slots of a test's releases.
 */
final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /**
     * Returns ports free on the loopback address now, held open together while they are chosen so that they differ.
     *
     * @param count how many
     * @return the ports
     * @throws IOException if no port can be opened
     */
    static int[] free(final int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        }
        finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
