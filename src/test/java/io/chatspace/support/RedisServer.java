package io.chatspace.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The real Redis the tests use: Debian's {@code redis-server} on 127.0.0.1:6379, started
 * by {@code .ci/run} with the command line below (no persistence). Tests that restart it
 * call {@link #ensureRunning()} in a {@code finally} or an {@code @AfterAll}, so a
 * failing test never leaves the machine without Redis.
 */
public final class RedisServer {

	/** The port. */
	public static final int PORT = 6379;

	/** How {@code .ci/run} starts it (and how a test starts it again). */
	public static final List<String> COMMAND = List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1",
			"-::1", "--port", Integer.toString(PORT), "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
			"--logfile", "/var/log/redis/ci.log");

	private RedisServer() {
	}

	/**
	 * @return whether Redis answers {@code PING}
	 */
	public static boolean isRunning() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
			socket.setSoTimeout(1000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] reply = new byte[7];
			int n = socket.getInputStream().read(reply);
			return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Shuts Redis down (everything in it is lost, as in a crash without persistence). */
	public static void stop() throws IOException, InterruptedException {
		run(List.of("redis-cli", "-p", Integer.toString(PORT), "shutdown", "nosave"));
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> !isRunning());
	}

	/** Starts Redis if it does not answer, and waits until it does. */
	public static void ensureRunning() throws IOException, InterruptedException {
		if (isRunning()) {
			return;
		}
		run(COMMAND);
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(RedisServer::isRunning);
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(15, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("timed out: " + command);
		}
	}

}
