package com.sendline.loadtests;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection to a server on this machine, for load generators: a request is written as
 * bytes and the answer read back by Content-Length (or chunks). The JDK's HttpClient costs several times more CPU
 * per request, and on two shared cores the generator's CPU is taken from the server it measures. Not thread-safe:
 * one connection per sending thread.
 */
final class LoopbackHttp implements AutoCloseable {
    private final String host;
    private final int port;
    private final int readTimeoutMillis;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    LoopbackHttp(String host, int port) {
        this(host, port, 30_000);
    }

    /** @param readTimeoutMillis longest wait for the next byte of an answer; then the post fails and is not retried */
    LoopbackHttp(String host, int port, int readTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** @return the status code; the body is read and dropped */
    int post(String path, String[] headers, byte[] body) throws IOException {
        for (int attempt = 0; ; attempt++) {
            boolean fresh = socket == null;
            try {
                if (fresh) {
                    open();
                }
                StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                        .append(host).append(':').append(port).append("\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
                for (int i = 0; i < headers.length; i += 2) {
                    head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
                }
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                // A kept-alive connection the server closed meanwhile: once more on a fresh one. Not after a read
                // timeout: the server has the request, and sending it again could make it act twice.
                if (fresh || attempt > 0 || e instanceof SocketTimeoutException) {
                    throw e;
                }
            }
        }
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(readTimeoutMillis);
        out = new BufferedOutputStream(socket.getOutputStream(), 8_192);
        in = new BufferedInputStream(socket.getInputStream(), 8_192);
    }

    private int readResponse() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        String header;
        while (!(header = line()).isEmpty()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        if (chunked) {
            long size;
            while ((size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0) {
                skip(size + 2);
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            skip(length);
        }
        if (closeAfter) {
            close();
        }
        return code;
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (b != '\r') {
                buffer.write(b);
            }
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        out = null;
        in = null;
    }
}
