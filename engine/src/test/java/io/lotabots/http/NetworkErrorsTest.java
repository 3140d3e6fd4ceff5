package io.lotabots.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class NetworkErrorsTest {
    @Test
    void shouldSayConnectionRefusedAndWhereForARealRefusedCall() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            port = socket.getLocalPort();
        }
        URI target = URI.create("http://127.0.0.1:" + port + "/health");
        Throwable thrown = catchThrowable(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(target).build(),
                HttpResponse.BodyHandlers.discarding()));

        assertThat(NetworkErrors.describe(thrown, target))
                .isEqualTo("connection refused (nothing listens on 127.0.0.1:" + port + ")");
    }

    @Test
    void shouldLookThroughCausesWithoutMessages() {
        ConnectException wrapped = new ConnectException();
        wrapped.initCause(new ClosedChannelException());

        assertThat(NetworkErrors.describe(new IOException(null, wrapped), URI.create("https://example.com/x")))
                .isEqualTo("connection refused (nothing listens on example.com:443)");
        assertThat(NetworkErrors.describe(new ConnectException("Connection refused"), "smtp.example.com", 587))
                .isEqualTo("connection refused (nothing listens on smtp.example.com:587)");
    }

    @Test
    void shouldPutOtherNetworkFailuresIntoWords() {
        URI hook = URI.create("https://hooks.exmaple.com/services/x");

        assertThat(NetworkErrors.describe(new UnknownHostException("hooks.exmaple.com"), hook))
                .isEqualTo("unknown host 'hooks.exmaple.com' (the name does not resolve; check its spelling and the"
                        + " DNS)");
        assertThat(NetworkErrors.describe(new SocketTimeoutException("Read timed out"), hook))
                .isEqualTo("no answer from hooks.exmaple.com:443 in time");
        assertThat(NetworkErrors.describe(new SSLHandshakeException("PKIX path building failed: unable to find valid"
                + " certification path to requested target"), hook))
                .startsWith("the TLS handshake with hooks.exmaple.com:443 failed: its certificate is not trusted")
                .endsWith("add its CA to the trust store, or check the URL");
        assertThat(NetworkErrors.describe(new SSLException("Unsupported or unrecognized SSL message"),
                URI.create("https://localhost:8080/")))
                .isEqualTo("localhost:8080 does not speak TLS: use http://, or the port of its HTTPS listener");
        assertThat(NetworkErrors.describe(new ConnectException("Connection timed out"), "10.0.0.1", 25))
                .startsWith("no connection to 10.0.0.1:25 in time");
    }

    @Test
    void shouldNeverNameAnExceptionClassWhenThereAreWords() {
        assertThat(NetworkErrors.describe(new IOException(new ConnectException())))
                .isEqualTo("connection refused");
        assertThat(NetworkErrors.describe(new IllegalStateException("the pool is closed")))
                .isEqualTo("the pool is closed");
        assertThat(NetworkErrors.describe(new ClosedChannelException())).isEqualTo("closed channel");
        assertThat(NetworkErrors.describe(null)).isEqualTo("unknown error");
    }
}
