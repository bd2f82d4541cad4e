package com.ordercloudhub.hub.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain loopback socket, for what an ordinary client will not do: send headers and
 * then too little, too slowly, or nothing of the body; and see exactly what the hub answers and
 * whether it then closes the connection.
 */
public final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  public RawHttp(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  /** Sends a request line and headers (the blank line included), nothing of the body. */
  public RawHttp head(String method, String path, String... headers) throws IOException {
    StringBuilder text =
        new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String header : headers) {
      text.append(header).append("\r\n");
    }
    text.append("\r\n");
    out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return this;
  }

  public RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** One chunk of a chunked body. */
  public RawHttp chunk(byte[] bytes) throws IOException {
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return this;
  }

  /** The answer as it arrives: status, headers, and the body up to its Content-Length. */
  public Answer answer() throws IOException {
    String head = readHead();
    int status = Integer.parseInt(head.substring(9, 12));
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return new Answer(status, head, new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the hub closed the connection after its answer, within 3 s. */
  public boolean closedByHub() throws IOException {
    socket.setSoTimeout(3_000); // a hub that closes does so at once; one still reading does not
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset: closed as well
    } finally {
      socket.setSoTimeout(30_000);
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before an answer: " + head);
      }
      head.write(b);
      matched =
          (b == '\r' && (matched == 0 || matched == 2))
                  || (b == '\n' && (matched == 1 || matched == 3))
              ? matched + 1
              : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /**
   * Opens {@code count} connections that each send the headers of a chunked POST to {@code path}
   * and then one byte of its body, never more; returns each one's answer status (a door that works
   * answers 408), each connection closed by the caller right after, as most clients do.
   */
  public static java.util.List<Integer> slowCallersClosingAfterTheirAnswer(
      int port, String path, int count) throws IOException {
    java.util.List<RawHttp> slow = new java.util.ArrayList<>();
    java.util.List<Integer> statuses = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        RawHttp call = new RawHttp(port);
        slow.add(call);
        call.head("POST", path, "Transfer-Encoding: chunked", "X-oc-hash: x")
            .chunk("{".getBytes(StandardCharsets.US_ASCII));
      }
      for (RawHttp call : slow) {
        statuses.add(call.answer().status());
        call.close();
      }
    } finally {
      for (RawHttp call : slow) {
        call.close();
      }
    }
    return statuses;
  }

  /** What the hub answered. */
  public record Answer(int status, String head, String body) {
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }
}
