package io.chatspace.cassandra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.metadata.NodeStateListener;
import com.datastax.oss.driver.api.core.servererrors.QueryExecutionException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * The node's one Cassandra session. It is connected in the background: the node starts
 * (and serves everything that does not need Cassandra) while Cassandra is down, logs
 * {@code Cassandra is not reachable at <contact points>: <why>}, keeps trying, and once
 * connected creates or migrates the keyspace ({@link CassandraSchema}). After that the
 * driver reconnects to nodes that go down by itself. The node's start waits for the first
 * connection for a while ({@code chatspace.cassandra.startup-wait}).
 * <p>
 * Until connected, and whenever no node answers, every operation fails at once with a
 * {@link DataAccessException} (never a hang and never a silent loss); callers map it to
 * {@code unavailable}. Driver failures are translated the same way
 * ({@link #translate(Throwable)}).
 */
public class CassandraConnection implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CassandraConnection.class);

	/** Starts before the message writer and the web server, stops after them. */
	static final int PHASE = Integer.MAX_VALUE - 3000;

	private static final long REPEAT_WARNING_MILLIS = 60_000;

	private final Supplier<CqlSessionBuilder> builders;

	private final String contactPoints;

	private final CassandraSettings settings;

	private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

	private final Set<Object> nodesUp = ConcurrentHashMap.newKeySet();

	private volatile CqlSession session;

	private volatile TimeBuckets buckets;

	private volatile boolean running;

	private volatile Thread connector;

	/**
	 * @param builders a fresh, configured session builder per attempt (Spring Boot's
	 * prototype {@code CqlSessionBuilder})
	 * @param contactPoints the contact points as {@code host:port,…}, for messages
	 * @param settings keyspace, replication, consistency, buckets
	 */
	public CassandraConnection(Supplier<CqlSessionBuilder> builders, String contactPoints, CassandraSettings settings) {
		this.builders = builders;
		this.contactPoints = contactPoints;
		this.settings = settings;
	}

	/**
	 * @return the settings
	 */
	public CassandraSettings settings() {
		return settings;
	}

	/**
	 * @return the contact points as {@code host:port,…}
	 */
	public String contactPoints() {
		return contactPoints;
	}

	/**
	 * @return whether the session is connected and the schema is in place
	 */
	public boolean isConnected() {
		return session != null;
	}

	/**
	 * @return the connected session
	 * @throws DataAccessResourceFailureException while not connected
	 */
	public CqlSession session() {
		CqlSession current = session;
		if (current == null) {
			throw new DataAccessResourceFailureException("Cassandra is not reachable at " + contactPoints);
		}
		return current;
	}

	/**
	 * @return the keyspace's time buckets (their size is fixed in the keyspace)
	 * @throws DataAccessResourceFailureException while not connected
	 */
	public TimeBuckets buckets() {
		session();
		return buckets;
	}

	/**
	 * Prepares a statement once per session.
	 * @param cql CQL in which {@code ${keyspace}} stands for the keyspace
	 * @return the prepared statement
	 */
	public PreparedStatement prepare(String cql) {
		CqlSession current = session();
		String resolved = cql.replace("${keyspace}", settings.keyspace());
		PreparedStatement statement = prepared.get(resolved);
		if (statement == null) {
			try {
				statement = current.prepare(resolved);
			}
			catch (RuntimeException ex) {
				throw translate(ex);
			}
			prepared.putIfAbsent(resolved, statement);
		}
		return statement;
	}

	/**
	 * Runs a statement at the configured consistency and waits for it.
	 * @param statement the statement
	 * @return its result
	 * @throws DataAccessException when Cassandra fails
	 */
	public ResultSet execute(Statement<?> statement) {
		try {
			return session().execute(statement.setConsistencyLevel(settings.consistency()));
		}
		catch (RuntimeException ex) {
			throw translate(ex);
		}
	}

	/**
	 * Starts a statement at the configured consistency.
	 * @param statement the statement
	 * @return its result, later
	 */
	public CompletableFuture<AsyncResultSet> executeAsync(Statement<?> statement) {
		CqlSession current;
		try {
			current = session();
		}
		catch (DataAccessException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return current.executeAsync(statement.setConsistencyLevel(settings.consistency())).toCompletableFuture();
	}

	/**
	 * Waits for every future; the first failure is thrown once all have ended, so no
	 * write is still in flight when this returns.
	 * @param futures futures of {@link #executeAsync}
	 * @return their results, in order
	 * @throws DataAccessException when any failed
	 */
	public static <T> List<T> joinAll(List<CompletableFuture<T>> futures) {
		try {
			CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
		}
		catch (ExecutionException ex) {
			throw translate(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DataAccessResourceFailureException("interrupted while waiting for Cassandra", ex);
		}
		return futures.stream().map(CompletableFuture::join).toList();
	}

	/**
	 * @param failure anything a driver call threw or completed with
	 * @return the matching {@link DataAccessException}: resource failure when no node
	 * answers, transient for timeouts and unavailable replicas
	 */
	public static DataAccessException translate(Throwable failure) {
		Throwable ex = failure;
		while ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			ex = ex.getCause();
		}
		if (ex instanceof DataAccessException dataAccess) {
			return dataAccess;
		}
		if (ex instanceof AllNodesFailedException || ex instanceof NoNodeAvailableException
				|| ex instanceof ClosedConnectionException) {
			return new DataAccessResourceFailureException("Cassandra is not reachable: " + describe(ex), ex);
		}
		if (ex instanceof DriverTimeoutException) {
			return new QueryTimeoutException("Cassandra did not answer in time: " + ex.getMessage(), ex);
		}
		if (ex instanceof QueryValidationException) {
			return new InvalidDataAccessResourceUsageException("Cassandra refused a statement: " + ex.getMessage(), ex);
		}
		if (ex instanceof QueryExecutionException) {
			// read/write timeouts, unavailable replicas, overload
			return new TransientDataAccessResourceException("Cassandra could not serve a request: " + ex.getMessage(),
					ex);
		}
		if (ex instanceof DriverException) {
			return new DataAccessResourceFailureException("Cassandra failed: " + ex.getMessage(), ex);
		}
		return new DataAccessResourceFailureException("Cassandra access failed: " + ex, ex);
	}

	/**
	 * @return a short reason for a connection failure: the first node's root cause
	 */
	static String describe(Throwable ex) {
		if (ex instanceof AllNodesFailedException all && !all.getAllErrors().isEmpty()) {
			var first = all.getAllErrors().entrySet().iterator().next();
			List<Throwable> errors = first.getValue();
			String reason = "unknown";
			for (Throwable t = errors.isEmpty() ? ex : errors.getFirst(); t != null; t = t.getCause()) {
				if (t.getMessage() != null) {
					reason = t.getMessage(); // the innermost message wins
				}
				if (t.getCause() == t) {
					break;
				}
			}
			return "no contact point answered (" + first.getKey().getEndPoint() + ": " + reason + ")";
		}
		if (ex instanceof NoNodeAvailableException) {
			return "no node is available";
		}
		return ex.getMessage();
	}

	private void connectLoop() {
		long pause = 250;
		long lastWarning = 0;
		while (running && session == null) {
			CqlSession attempt = null;
			try {
				CqlSessionBuilder builder = builders.get();
				builder.addNodeStateListener(new NodeStates());
				attempt = builder.build();
				TimeBuckets schemaBuckets = new CassandraSchema(attempt, settings).migrate();
				if (!running) {
					attempt.close();
					return;
				}
				buckets = schemaBuckets;
				session = attempt;
				log.info("Connected to Cassandra at {} (keyspace {}, consistency {}, buckets of {})", contactPoints,
						settings.keyspace(), settings.consistency(), Duration.ofMillis(schemaBuckets.millis()));
				return;
			}
			catch (RuntimeException ex) {
				if (attempt != null) {
					attempt.closeAsync();
				}
				long now = System.currentTimeMillis();
				String reason = ex instanceof AllNodesFailedException || ex instanceof NoNodeAvailableException
						|| ex instanceof DriverTimeoutException ? describe(ex) : ex.toString();
				if (now - lastWarning >= REPEAT_WARNING_MILLIS) {
					log.warn("Cassandra is not reachable at {}: {}; retrying in the background", contactPoints, reason);
					lastWarning = now;
				}
				else {
					log.debug("Cassandra is not reachable at {}: {}", contactPoints, reason);
				}
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException ex) {
				return;
			}
			pause = Math.min(pause * 2, settings.connectRetry().toMillis());
		}
	}

	/**
	 * Connects now, in this thread (tests and tools).
	 * @return this connection, connected
	 * @throws DataAccessException when Cassandra cannot be reached
	 */
	public CassandraConnection connectNow() {
		try {
			CqlSessionBuilder builder = builders.get();
			builder.addNodeStateListener(new NodeStates());
			CqlSession attempt = builder.build();
			buckets = new CassandraSchema(attempt, settings).migrate();
			session = attempt;
			running = true;
			return this;
		}
		catch (RuntimeException ex) {
			throw translate(ex);
		}
	}

	@Override
	public void start() {
		if (running) {
			return;
		}
		running = true;
		if (session == null) {
			Thread t = Thread.ofPlatform().daemon().name("cassandra-connect").start(this::connectLoop);
			connector = t;
			// a node whose Cassandra is up serves from its first request; one whose
			// Cassandra is down starts anyway after the wait
			try {
				t.join(settings.startupWait());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void stop() {
		running = false;
		Thread t = connector;
		if (t != null) {
			t.interrupt();
			try {
				t.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		CqlSession current = session;
		session = null;
		prepared.clear();
		if (current != null) {
			current.close();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Logs when the last node goes down and when one comes back. */
	private final class NodeStates implements NodeStateListener {

		@Override
		public void onAdd(Node node) {
			if (node.getState() == NodeState.UP) {
				onUp(node);
			}
		}

		@Override
		public void onUp(Node node) {
			boolean wasEmpty = nodesUp.isEmpty();
			nodesUp.add(node.getEndPoint());
			if (wasEmpty && session != null) {
				log.info("Cassandra is reachable again at {} ({} is up)", contactPoints, node.getEndPoint());
			}
		}

		@Override
		public void onDown(Node node) {
			if (nodesUp.remove(node.getEndPoint()) && nodesUp.isEmpty()) {
				log.warn("Cassandra is not reachable at {}: every node is down (last: {}); retrying in the background",
						contactPoints, node.getEndPoint());
			}
		}

		@Override
		public void onRemove(Node node) {
			onDown(node);
		}

		@Override
		public void close() {
		}

	}

}
