package com.sendline.fakes.graphapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One TCP connection to the fake, written to by hand: for what {@code HttpClient} hides and decides for itself
 * (which requests share a connection, pipelining, HTTP/1.0, chunked bodies, whether the server hangs up).
 */
final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** @param headers lower-case names */
    record Response(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return GraphCalls.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    RawConnection(URI base) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A POST with a fixed-length body; {@code extraHeaders} are whole lines without their CRLF. */
    static String post(String version, String path, String token, String json, String... extraHeaders) {
        StringBuilder request = new StringBuilder("POST " + path + " " + version + "\r\n")
                .append("Host: 127.0.0.1\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(json.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").append(json).toString();
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    Response read() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** True once the server has closed its end and everything it sent has been read. */
    boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("the server closed the connection mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
