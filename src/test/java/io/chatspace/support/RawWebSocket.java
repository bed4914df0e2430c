package io.chatspace.support;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written on a plain {@link Socket} (RFC 6455 by hand), for what the
 * JDK client cannot do: choose the receive buffer, send any handshake header, stop
 * reading, and look at a refused handshake's status and body.
 */
public final class RawWebSocket implements Closeable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final int status;

	private final Map<String, String> headers;

	private final String body;

	private RawWebSocket(Socket socket, int status, Map<String, String> headers, String body) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	/**
	 * Connects and sends an upgrade request for {@code path}.
	 * @param port the server's port
	 * @param path e.g. {@code /ws} or {@code /ws?access_token=…}
	 * @param extraHeaders more request headers (Authorization, Origin, Cookie, …)
	 * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the default
	 * @return the client, with the response's status; open for frames when it is 101
	 */
	public static RawWebSocket open(int port, String path, Map<String, String> extraHeaders, int receiveBuffer)
			throws IOException {
		Socket socket = new Socket();
		if (receiveBuffer > 0) {
			socket.setReceiveBufferSize(receiveBuffer);
		}
		socket.connect(new InetSocketAddress("localhost", port), 5000);
		socket.setSoTimeout(15_000);
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		StringBuilder request = new StringBuilder().append("GET ")
			.append(path)
			.append(" HTTP/1.1\r\n")
			.append("Host: localhost:")
			.append(port)
			.append("\r\n")
			.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
			.append("Sec-WebSocket-Key: ")
			.append(Base64.getEncoder().encodeToString(key))
			.append("\r\nSec-WebSocket-Version: 13\r\n");
		extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n");
		OutputStream out = socket.getOutputStream();
		out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
		InputStream in = socket.getInputStream();
		String head = readHead(in);
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		String body = status == 101 ? "" : readBody(in, headers);
		return new RawWebSocket(socket, status, headers, body);
	}

	/**
	 * @return the handshake response's status (101 when upgraded)
	 */
	public int status() {
		return status;
	}

	/**
	 * @param name lower case @return the handshake response's header, or {@literal null}
	 */
	public String header(String name) {
		return headers.get(name);
	}

	/**
	 * @return the body of a refused handshake
	 */
	public String body() {
		return body;
	}

	/** Sends a masked text frame, as a client must. */
	public void sendText(String text) throws IOException {
		sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends one final, masked frame with the opcode. */
	public void sendFrame(int opcode, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write(0x80 | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xff);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >>> shift) & 0xff);
			}
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i & 3]);
		}
		out.write(frame.toByteArray());
		out.flush();
	}

	/**
	 * A frame from the server: its opcode (0x1 text, 0x8 close, 0x9 ping, …) and payload.
	 */
	public record Frame(int opcode, byte[] payload) {

		/**
		 * @return the status code of a close frame, or 1005 when it has none
		 */
		public int closeCode() {
			return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
		}

		/**
		 * @return the payload as UTF-8 text (a close frame's reason after its code)
		 */
		public String text() {
			int from = opcode == 0x8 ? Math.min(2, payload.length) : 0;
			return new String(payload, from, payload.length - from, StandardCharsets.UTF_8);
		}

	}

	/**
	 * Reads the next frame from the server (unmasked, as a server sends them), without
	 * answering pings.
	 * @return the frame
	 * @throws EOFException when the connection ends first
	 */
	public Frame readFrame() throws IOException {
		int first = in.read();
		int second = in.read();
		if (first == -1 || second == -1) {
			throw new EOFException("connection closed");
		}
		long length = second & 0x7f;
		if (length == 126) {
			length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
		}
		else if (length == 127) {
			length = 0;
			for (int i = 0; i < 8; i++) {
				length = (length << 8) | (in.read() & 0xff);
			}
		}
		byte[] payload = in.readNBytes((int) length);
		if (payload.length < length) {
			throw new EOFException("connection closed in a frame");
		}
		return new Frame(first & 0x0f, payload);
	}

	/**
	 * Reads and discards everything until the server ends the connection.
	 * @return the bytes read
	 * @throws java.net.SocketTimeoutException when the server keeps the connection open
	 */
	public long drainUntilClosed() throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		try {
			int n;
			while ((n = in.read(buffer)) != -1) {
				total += n;
			}
		}
		catch (java.net.SocketException ex) {
			// reset by the server: closed as well
		}
		return total;
	}

	/**
	 * @return the underlying socket
	 */
	public Socket socket() {
		return socket;
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b == -1) {
				throw new EOFException("connection closed in the response head: " + head);
			}
			head.write(b);
			matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
					? matched + 1 : (b == '\r' ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
		String length = headers.get("content-length");
		if (length != null) {
			return new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
		}
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			while (true) {
				String size = readLine(in);
				int n = Integer.parseInt(size.split(";")[0].trim(), 16);
				if (n == 0) {
					readLine(in);
					return body.toString(StandardCharsets.UTF_8);
				}
				body.write(in.readNBytes(n));
				readLine(in);
			}
		}
		return "";
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

}
