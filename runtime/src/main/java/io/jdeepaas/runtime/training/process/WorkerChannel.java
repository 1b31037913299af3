package io.jdeepaas.runtime.training.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The line protocol between the runtime and a training worker: one JSON object per line over a
 * loopback socket, so nothing the module prints on stdout or stderr can corrupt it.
 *
 * <p>Worker to parent: the token it was started with (first line, plain text), then
 * {@code {"type":"progress","step","total"}}, {@code {"type":"metrics","step","metrics":{}}},
 * {@code {"type":"log","line"}}, and finally {@code {"type":"result","result":...}} or
 * {@code {"type":"failed","message","cancelled"}}. Parent to worker: {@code {"type":"start","spec":{...}}},
 * then {@code {"type":"cancel"}} and {@code {"type":"interrupt"}}. When the socket closes, the
 * worker halts: a worker never outlives its runtime.
 */
final class WorkerChannel implements AutoCloseable {

    private final Socket socket;
    private final ObjectMapper json;
    private final BufferedReader in;
    private final BufferedWriter out;

    WorkerChannel(Socket socket, ObjectMapper json) throws IOException {
        this.socket = socket;
        this.json = json;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    }

    /** @return a new message of a type, to fill and {@link #send} */
    ObjectNode message(String type) {
        return json.createObjectNode().put("type", type);
    }

    /** Sends one message; safe from several threads. */
    synchronized void send(JsonNode message) throws IOException {
        out.write(json.writeValueAsString(message));
        out.write('\n');
        out.flush();
    }

    /** Sends one plain line (the token). */
    synchronized void sendLine(String line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
    }

    /** @return the next line, or {@code null} at the end */
    String readLine() throws IOException {
        return in.readLine();
    }

    /** @return the next message, or {@code null} at the end */
    JsonNode read() throws IOException {
        String line = in.readLine();
        return line == null ? null : json.readTree(line);
    }

    ObjectMapper json() {
        return json;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
