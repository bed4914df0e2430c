package io.chatspace.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.chatspace.cassandra.CassandraConnection;
import io.chatspace.cassandra.CassandraSettings;

/**
 * The real Cassandra of the tests: the node {@code scripts/cassandra} runs on
 * 127.0.0.1:9042 ({@code .ci/run} starts it; {@code CHATSPACE_TEST_CASSANDRA_PORT}
 * overrides the port), and, for tests that stop Cassandra, a second node of their own
 * started and stopped with the same script.
 */
public final class TestCassandra {

	/** The shared node's CQL port. */
	public static final int PORT = Integer
		.parseInt(System.getenv().getOrDefault("CHATSPACE_TEST_CASSANDRA_PORT", "9042"));

	private TestCassandra() {
	}

	/**
	 * @return a new keyspace name, unique to this call ({@code cs_test_…})
	 */
	public static String uniqueKeyspace(String prefix) {
		return "cs_" + prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
	}

	/**
	 * @return the Spring properties that point the {@code cassandra} profile at the
	 * shared node and a keyspace of its own (every test context has its own relational
	 * database, whose room ids restart at 1, so it needs its own keyspace too)
	 */
	public static String[] springProperties(String keyspace) {
		return new String[] { "spring.cassandra.contact-points=127.0.0.1:" + PORT,
				"chatspace.cassandra.keyspace=" + keyspace };
	}

	/**
	 * @return a connected {@link CassandraConnection} to the shared node, schema in place
	 */
	public static CassandraConnection connect(String keyspace, Duration bucketSize) {
		return connect(PORT, keyspace, bucketSize);
	}

	/**
	 * @return a connected {@link CassandraConnection} to a node on the port
	 */
	public static CassandraConnection connect(int port, String keyspace, Duration bucketSize) {
		return new CassandraConnection(() -> CqlSession.builder()
			.addContactPoint(new InetSocketAddress("127.0.0.1", port))
			.withLocalDatacenter("datacenter1")
			.withConfigLoader(DriverConfigLoader.programmaticBuilder()
				.withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
				.withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
				.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(50))
				.build()), "127.0.0.1:" + port, CassandraSettings.of(keyspace, bucketSize))
			.connectNow();
	}

	/**
	 * Drops a keyspace (best effort).
	 */
	public static void drop(CassandraConnection connection) {
		try {
			connection.session()
				.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement
					.newInstance("DROP KEYSPACE IF EXISTS " + connection.settings().keyspace())
					.setTimeout(Duration.ofSeconds(30)));
		}
		catch (RuntimeException ex) {
			// left for the next run's clean-up
		}
	}

	/**
	 * @return whether something accepts connections on the port
	 */
	public static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A Cassandra node of a test's own, on other ports, run by {@code scripts/cassandra}
	 * with its data in {@code target/}.
	 *
	 * @param port its CQL port
	 * @param storagePort its internode port
	 * @param dir its data directory
	 */
	public record Node(int port, int storagePort, Path dir) {

		/** Starts it (or finds it running) and waits until CQL answers. */
		public void start() {
			script("start");
		}

		/** Stops it by its pid (SIGTERM) and waits until it is gone. */
		public void stop() {
			script("stop");
		}

		private void script(String command) {
			try {
				Files.createDirectories(dir);
				List<String> argv = new ArrayList<>(List.of("bash", "scripts/cassandra", command, dir.toString()));
				ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("script.log").toFile()));
				builder.environment()
					.putAll(Map.of("CASSANDRA_PORT", Integer.toString(port), "CASSANDRA_STORAGE_PORT",
							Integer.toString(storagePort), "CASSANDRA_HEAP", "512m"));
				Process process = builder.start();
				if (!process.waitFor(240, TimeUnit.SECONDS) || process.exitValue() != 0) {
					process.destroy();
					throw new IllegalStateException("scripts/cassandra " + command + " failed; see "
							+ dir.resolve("script.log") + ":\n" + Files.readString(dir.resolve("script.log")));
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
