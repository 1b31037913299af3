package io.jdeepaas.runtime.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Server-Sent Events client on a raw socket, reading the bytes as the specification defines them
 * (fields {@code id}, {@code event}, {@code data}, {@code retry}; comments; an empty line ends an
 * event), over HTTP/1.1 with chunked transfer coding, as a browser's {@code EventSource} does.
 */
final class SseClient implements AutoCloseable {

    /** One dispatched event (the {@code event} name is {@code message} when the server gave none). */
    record Event(String name, String id, String data) {
        JsonNode json() {
            try {
                return TestRuntime.JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers;
    private final boolean chunked;
    private long chunkLeft;
    private long lengthLeft;
    private boolean bodyEnded;
    private final List<Long> retries = new ArrayList<>();
    private int comments;

    private SseClient(Socket socket, InputStream in, int status, Map<String, String> headers) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.headers = headers;
        this.chunked = "chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""));
        this.lengthLeft = status == 204 || status == 304 ? 0
                : Long.parseLong(headers.getOrDefault("content-length", "-1"));
    }

    /** Sends {@code GET path} with {@code Accept: text/event-stream} and reads the status line and headers. */
    static SseClient open(int port, String path, String lastEventId, Duration readTimeout) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Cache-Control: no-cache\r\n" + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        return new SseClient(socket, in, status, headers);
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return the {@code retry:} values seen so far */
    List<Long> retries() {
        return retries;
    }

    /** @return the comments seen so far */
    int comments() {
        return comments;
    }

    /** @return the body of a non-stream answer, read to its end */
    String body() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int b = bodyByte(); b >= 0; b = bodyByte()) {
            all.write(b);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /** @return the next event, or {@code null} when the server ended the stream */
    Event next() throws IOException {
        String name = "";
        String id = null;
        StringBuilder data = null;
        while (true) {
            String line = bodyLine();
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name.isEmpty() ? "message" : name, id, data.toString());
                }
                name = "";
                continue;
            }
            if (line.startsWith(":")) {
                comments++;
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "retry" -> retries.add(Long.parseLong(value));
                default -> { }
            }
        }
    }

    /** @return every event up to the end of the stream */
    List<Event> readToEnd() throws IOException {
        List<Event> events = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            events.add(e);
        }
        return events;
    }

    /** @return whether the server has ended the response within the socket's read timeout */
    boolean ended() {
        try {
            return next() == null;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String bodyLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b = bodyByte();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            bytes.write(b);
            b = bodyByte();
        }
        String line = bytes.toString(StandardCharsets.UTF_8);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private int bodyByte() throws IOException {
        if (bodyEnded) {
            return -1;
        }
        if (!chunked) {
            if (lengthLeft == 0) {
                bodyEnded = true;
                return -1;
            }
            int b = in.read();
            bodyEnded = b < 0;
            lengthLeft--;
            return b;
        }
        if (chunkLeft == 0) {
            String size = line(in);
            if (size.isEmpty()) {
                size = line(in); // the CRLF after the previous chunk
            }
            chunkLeft = Long.parseLong(size.split(";")[0].strip(), 16);
            if (chunkLeft == 0) {
                bodyEnded = true;
                return -1;
            }
        }
        int b = in.read();
        if (b < 0) {
            throw new IOException("the connection closed inside a chunk");
        }
        chunkLeft--;
        return b;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            bytes.write(b);
        }
        if (b < 0 && bytes.size() == 0) {
            throw new IOException("the connection closed");
        }
        String line = bytes.toString(StandardCharsets.ISO_8859_1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
