package io.chatspace.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Several ChatSpace nodes, each a separate process on its own port with profiles
 * {@code postgres,redis}, sharing one fresh PostgreSQL database and one Redis (under a
 * key prefix of their own, so runs do not see each other).
 */
public final class Cluster implements AutoCloseable {

	/** Replaced by the database's name in settings. */
	public static final String DATABASE = "{database}";

	/** The setting that makes read-only transactions use the streaming replica. */
	public static final String WITH_REPLICA = "--chatspace.datasource.replica.url=jdbc:postgresql://127.0.0.1:"
			+ PostgresDatabase.REPLICA + "/" + DATABASE;

	private final List<ServerProcess> nodes = new ArrayList<>();

	private final String database;

	private final String prefix;

	private Cluster(String database, String prefix) {
		this.database = database;
		this.prefix = prefix;
	}

	/**
	 * Starts the nodes (in parallel) and waits until every one is healthy.
	 * @param directory a directory for the nodes' logs
	 * @param count how many nodes
	 * @param settings more {@code --name=value} arguments for every node;
	 * {@value #DATABASE} in them stands for the shared database's name
	 * @return the running cluster
	 */
	public static Cluster start(Path directory, int count, String... settings) throws Exception {
		Cluster cluster = new Cluster(PostgresDatabase.create(),
				"t" + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36) + ":");
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres,redis",
				"--spring.datasource.url=" + PostgresDatabase.url(cluster.database, PostgresDatabase.PRIMARY),
				"--chatspace.redis.prefix=" + cluster.prefix, "--logging.level.io.chatspace=info"));
		for (String setting : settings) {
			arguments.add(setting.replace(DATABASE, cluster.database));
		}
		Exception failure = null;
		try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<ServerProcess>> started = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Path node = directory.resolve("node-" + i);
				started.add(starting.submit(() -> startNode(node, arguments)));
			}
			for (Future<ServerProcess> future : started) {
				try {
					cluster.nodes.add(future.get());
				}
				catch (Exception ex) {
					failure = ex;
				}
			}
		}
		if (failure != null) {
			cluster.close();
			throw failure;
		}
		return cluster;
	}

	private static ServerProcess startNode(Path directory, List<String> arguments) throws Exception {
		// ServerProcess itself moves to another port when its first one was taken
		return new ServerProcess(directory, arguments.toArray(String[]::new)).jvm("-Xmx384m", "-XX:TieredStopAtLevel=1")
			.start();
	}

	/**
	 * @return node {@code i}
	 */
	public ServerProcess node(int i) {
		return nodes.get(i);
	}

	/**
	 * @return the HTTP API of node {@code i}
	 */
	public Api api(int i) {
		return new Api(nodes.get(i).port());
	}

	/**
	 * @return the number of nodes
	 */
	public int size() {
		return nodes.size();
	}

	/**
	 * @return the nodes' Redis key and channel prefix
	 */
	public String prefix() {
		return prefix;
	}

	/**
	 * @return the shared database's name
	 */
	public String database() {
		return database;
	}

	@Override
	public void close() throws InterruptedException {
		for (ServerProcess node : nodes) {
			node.kill();
		}
	}

	/** Starts a node again (after {@link ServerProcess#kill()}) with its settings. */
	public void restart(int i) throws IOException {
		nodes.get(i).start();
	}

}
