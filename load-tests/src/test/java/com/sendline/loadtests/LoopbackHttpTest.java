package com.sendline.loadtests;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackHttpTest {

    /** Answers each request with the next canned answer, written in pieces of the given size. */
    private static Thread serve(ServerSocket server, List<String> answers, int piece) {
        return Thread.ofPlatform().start(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                socket.setTcpNoDelay(true);
                for (String answer : answers) {
                    readRequest(in);
                    byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
                    for (int at = 0; at < bytes.length; at += piece) {
                        out.write(bytes, at, Math.min(piece, bytes.length - at));
                        out.flush();
                        if (at < 200) {
                            Thread.sleep(1); // the head arrives in separate reads; the long header need not
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void readRequest(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        String text = head.toString();
        int at = text.indexOf("Content-Length: ") + 16;
        int length = Integer.parseInt(text.substring(at, text.indexOf("\r\n", at)));
        in.readNBytes(length);
    }

    @Test
    void reads_status_codes_of_kept_alive_answers_however_they_are_split() throws Exception {
        List<String> answers = List.of(
                "HTTP/1.1 201 Created\r\nContent-Length: 11\r\nX-Long: " + "a".repeat(10_000) + "\r\n\r\n{\"id\":\"x\"}\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;ext=1\r\nabc\r\n0\r\n\r\n",
                "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 202 Accepted\r\ncontent-length: 2\r\n\r\nok");
        for (int piece : new int[] {1, 2, 7, 100_000}) {
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 LoopbackHttp http = new LoopbackHttp("127.0.0.1", server.getLocalPort(), 5_000)) {
                Thread answering = serve(server, answers, piece);
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

                assertThat(http.post("/a", new String[] {"Authorization", "Bearer t"}, body)).as("piece %d", piece)
                        .isEqualTo(201);
                assertThat(http.post("/b", new String[0], body)).isEqualTo(200);
                assertThat(http.post("/c", new String[0], body)).isEqualTo(429);
                assertThat(http.post("/d", new String[0], body)).isEqualTo(202);
                answering.join();
            }
        }
    }
}
