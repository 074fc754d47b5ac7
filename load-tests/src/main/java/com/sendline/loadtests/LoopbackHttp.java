package com.sendline.loadtests;

import java.io.BufferedOutputStream;
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
    /** Answers are read through this buffer rather than a BufferedInputStream's locked read per byte. */
    private final byte[] buffer = new byte[8_192];
    private int position;
    private int limit;

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
        in = socket.getInputStream();
        position = 0;
        limit = 0;
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
        StringBuilder line = null;
        while (true) {
            if (position == limit) {
                fill();
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (position < limit) {
                int end = position > start && buffer[position - 1] == '\r' ? position - 1 : position;
                position++;
                String tail = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
                if (line == null) {
                    return tail;
                }
                // A \r\n split across two reads leaves the \r at the end of what came first.
                if (end == start && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                    line.setLength(line.length() - 1);
                }
                return line.append(tail).toString();
            }
            if (line == null) {
                line = new StringBuilder(64);
            }
            line.append(new String(buffer, start, position - start, StandardCharsets.ISO_8859_1));
        }
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            if (position == limit) {
                fill();
            }
            int step = (int) Math.min(n, limit - position);
            position += step;
            n -= step;
        }
    }

    private void fill() throws IOException {
        int read = in.read(buffer);
        if (read < 0) {
            throw new IOException("connection closed mid-response");
        }
        position = 0;
        limit = read;
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
