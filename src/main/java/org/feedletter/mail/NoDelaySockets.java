package org.feedletter.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Sockets with Nagle's algorithm off, for {@link SmtpTransport}'s connections ({@code mail.smtp.socketFactory}; Angus
 * Mail 2.0.5 has no setting of its own for {@code TCP_NODELAY}). Jakarta Mail sends a message's final "CRLF.CRLF" as
 * a small write right after the body; with Nagle on it waits for the server's (delayed) ACK, about 40 ms on Linux,
 * per message: a cap of some 25 messages per second per connection, whatever the server's speed.
 *
 * <p>What it buys: docs/BENCHMARKS.md, "Send: 10,000 personalized digests (`bench/run send`)", the item "A 40 ms
 * stall per message": raw Jakarta Mail on one connection 22 -> 2,566 msgs/s, and the outbox 20 / 76 / 112 -> 122 /
 * 178 / 294 msgs/s at concurrency 1 / 4 / 8 (2,000-message runs against the benchmark's loopback sink). The stall
 * comes from the server's delayed ACK, so real servers cause it too.
 */
final class NoDelaySockets extends SocketFactory {

    @Override
    public Socket createSocket() throws SocketException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
