package io.chatspace.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.chatspace.ChatSpaceApplication;

import static org.awaitility.Awaitility.await;

/**
 * ChatSpace as a separate process on a real port, with the shipped configuration and a
 * file database in a directory of the test's: for tests that kill the server hard and
 * start it again on the same data.
 */
public final class ServerProcess implements AutoCloseable {

	private final Path data;

	private int port;

	private final List<String> extraArguments;

	private final List<String> jvmArguments = new ArrayList<>();

	private Process process;

	private int starts;

	/**
	 * @param data the data directory (kept across restarts)
	 * @param extraArguments more {@code --name=value} arguments
	 */
	public ServerProcess(Path data, String... extraArguments) throws IOException {
		this.data = data;
		this.port = freePort();
		this.extraArguments = List.of(extraArguments);
	}

	/**
	 * @param arguments JVM options for the next starts (e.g. {@code -Xmx512m})
	 * @return this
	 */
	public ServerProcess jvm(String... arguments) {
		jvmArguments.addAll(List.of(arguments));
		return this;
	}

	/**
	 * @return whether the process runs
	 */
	public boolean isAlive() {
		return process != null && process.isAlive();
	}

	/**
	 * @return the data directory (logs are {@code server-<n>.log} in it)
	 */
	public Path data() {
		return data;
	}

	/**
	 * @return the port, the same across restarts
	 */
	public int port() {
		return port;
	}

	/**
	 * Starts the server and waits until it is healthy. On the first start, a port taken
	 * by someone else between choosing and binding it is replaced by another free one.
	 */
	public ServerProcess start() throws IOException {
		for (int attempt = 1;; attempt++) {
			try {
				return startOnce();
			}
			catch (PortTaken ex) {
				if (starts > 1 || attempt >= 3) {
					throw new IOException("port " + port + " is taken", ex);
				}
				port = freePort();
				starts--;
			}
		}
	}

	private ServerProcess startOnce() throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(jvmArguments);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChatSpaceApplication.class.getName(),
				// the shipped configuration only (not the tests' in-memory
				// database)
				"--spring.config.location=classpath:/application.yml", "--server.port=" + port,
				"--chatspace.data-dir=" + data, "--logging.level.root=warn"));
		command.addAll(extraArguments);
		Path log = data.resolve("server-" + (++starts) + ".log");
		Files.createDirectories(data);
		Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		process = started;
		HttpClient http = HttpClient.newHttpClient();
		URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
		try {
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					if (!started.isAlive()) {
						String output = Files.readString(log);
						if (output.contains("already in use")) {
							throw new PortTaken();
						}
						throw new AssertionError("server exited: " + output);
					}
					return http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
						.statusCode() == 200;
				});
		}
		catch (RuntimeException | AssertionError ex) {
			// a server that never became healthy must not outlive the test (it would
			// keep its database connections and its port)
			started.destroyForcibly();
			process = null;
			throw ex;
		}
		return this;
	}

	/** Kills the server with SIGKILL, as a crash would, and waits until it is gone. */
	public void kill() throws InterruptedException {
		if (process != null) {
			process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
			process = null;
		}
	}

	/**
	 * Stops the server with SIGTERM, as a deployment would, and waits until it has
	 * exited.
	 * @throws AssertionError if it is still running after 60 s (it is then killed)
	 */
	public void stop() throws InterruptedException {
		Process running = process;
		if (running != null) {
			process = null;
			running.destroy();
			if (!running.waitFor(60, TimeUnit.SECONDS)) {
				running.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
				throw new AssertionError("the server did not stop within 60 s of SIGTERM");
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	/** The chosen port was taken by another process before the server bound it. */
	private static final class PortTaken extends RuntimeException {

	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
