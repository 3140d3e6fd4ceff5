package io.lotabots.bot.deploy.directory;

import io.lotabots.bot.deploy.directory.PortListeners.Holder;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finds who listens on a port: this JVM, another process, nobody; and says so when it cannot prove it.
 */
class PortListenersTest {
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldNameTheProcessThatListensAndTellItFromAnotherOne() throws Exception {
        PortListeners listeners = PortListeners.system();
        Assumptions.assumeTrue(listeners.canProve(), "this system has no /proc/net/tcp");
        Process other = new ProcessBuilder("sleep", "30").start();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();

            assertThat(listeners.holderOf(port, ProcessHandle.current()).holder()).isEqualTo(Holder.EXPECTED);
            PortListeners.Answer notTheOther = listeners.holderOf(port, other.toHandle());
            assertThat(notTheOther.holder()).isEqualTo(Holder.OTHER);
            assertThat(notTheOther.pids()).containsExactly(ProcessHandle.current().pid());
            assertThat(notTheOther.describe()).startsWith("process " + ProcessHandle.current().pid() + " (");
            assertThat(listeners.holderOf(port, null).holder()).isEqualTo(Holder.OTHER);
            assertThat(listeners.listenersOf(port)).containsExactly(ProcessHandle.current().pid());
        }
        finally {
            other.destroyForcibly();
        }
    }

    @Test
    void shouldSayNobodyListensOnAFreePort() throws IOException {
        int port = freePort();

        assertThat(PortListeners.system().holderOf(port, ProcessHandle.current()).holder()).isEqualTo(Holder.NOBODY);
        assertThat(PortListeners.system().listenersOf(port)).isEmpty();
    }

    @Test
    void shouldSayItCannotProveWhoListensWithoutProc(@TempDir final Path noProc) throws IOException {
        PortListeners listeners = new PortListeners(noProc);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PortListeners.Answer answer = listeners.holderOf(socket.getLocalPort(), ProcessHandle.current());

            assertThat(listeners.canProve()).isFalse();
            assertThat(answer.holder()).isEqualTo(Holder.UNPROVEN);
            assertThat(answer.describe()).isEqualTo("a process this system cannot name");
        }
        assertThat(listeners.holderOf(freePort(), null).holder()).isEqualTo(Holder.NOBODY);
    }
}
