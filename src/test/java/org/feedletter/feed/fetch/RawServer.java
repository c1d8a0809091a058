package org.feedletter.feed.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A socket server for the misbehaving servers that a real HTTP server will not play: one that
 * never answers, drips bytes, or stops half way. Each connection runs the script on its own thread.
 */
final class RawServer implements AutoCloseable {

    /** What the server does with one accepted connection, after the request head has been read. */
    interface Script {
        void talk(Socket socket) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private RawServer(Script script) throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> acceptAll(script), "raw-server-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    static RawServer start(Script script) throws IOException {
        return new RawServer(script);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + path);
    }

    /** How many connections the server accepted. */
    int connections() {
        return sockets.size();
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.forEach(Thread::interrupt);
    }

    private void acceptAll(Script script) {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                sockets.add(socket);
                Thread talker = new Thread(() -> talk(socket, script), "raw-server-talk");
                talker.setDaemon(true);
                threads.add(talker);
                talker.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void talk(Socket socket, Script script) {
        try (socket) {
            readRequestHead(socket.getInputStream());
            script.talk(socket);
        } catch (Exception e) {
            // The client hung up or the test ended: nothing to do.
        }
    }

    private static String readRequestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : next == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
