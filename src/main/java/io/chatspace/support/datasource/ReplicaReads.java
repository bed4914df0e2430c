package io.chatspace.support.datasource;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.slf4j.LoggerFactory;

/**
 * The data source of read-only transactions: the replica, unless the current request must
 * read its own writes or the replica could not be reached lately; then the primary. A
 * failed replica connection falls back to the primary at once and the replica is skipped
 * for {@code retry-after}.
 */
class ReplicaReads implements DataSource {

	private static final org.slf4j.Logger log = LoggerFactory.getLogger(ReplicaReads.class);

	private final DataSource replica;

	private final DataSource primary;

	private final ReplicaProperties properties;

	private final Clock clock;

	private volatile Instant skipUntil = Instant.MIN;

	private volatile String lastFailure;

	ReplicaReads(DataSource replica, DataSource primary, ReplicaProperties properties, Clock clock) {
		this.replica = replica;
		this.primary = primary;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (ReadYourWrites.pinnedToPrimary() || clock.instant().isBefore(skipUntil)) {
			return primary.getConnection();
		}
		try {
			Connection connection = replica.getConnection();
			lastFailure = null;
			return connection;
		}
		catch (SQLException | RuntimeException ex) {
			skipUntil = clock.instant().plus(properties.retryAfter());
			lastFailure = ex.getMessage();
			log.warn("read replica {} unreachable, reading from the primary for {}: {}", properties.url(),
					properties.retryAfter(), ex.getMessage());
			return primary.getConnection();
		}
	}

	/**
	 * @return whether reads currently go to the replica (false while it is skipped)
	 */
	boolean replicaInUse() {
		return !clock.instant().isBefore(skipUntil);
	}

	/**
	 * @return why the replica was last skipped, or {@literal null}
	 */
	String lastFailure() {
		return lastFailure;
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return getConnection();
	}

	@Override
	public PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("not a wrapper of " + type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

}
