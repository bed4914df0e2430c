package io.chatspace.support.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 database file from growing with every message. H2's MVStore
 * writes each commit as a new chunk (copy on write) and frees a chunk only once none of
 * its pages is live and it is older than the retention time (45 s). Its background writer
 * thread normally copies the few live pages out of sparse chunks; with
 * {@code WRITE_DELAY=0} (every commit on file before the {@code ack}) that thread does
 * not exist, so chunks holding one live page stayed for good and the file grew by about 4
 * KB per message for as long as the server ran. This does the thread's work on one daemon
 * thread of its own: every {@code interval} in which anybody wrote, when less than half
 * of the chunks' pages are live, it copies the live pages of the sparsest chunks older
 * than the retention time into the next chunk ({@link MVStore#compact(int, int)}, at most
 * {@code rewrite} bytes: 1 MB took 1-5 ms here, during which commits wait), so that those
 * chunks die and the next commits reuse their space. Each such round is timed as
 * {@code chatspace.h2.rewrites}.
 * <p>
 * What stays is the retention time's worth of chunks (one per commit, 16-30 KB each: 140
 * MB in the server at 100 messages a second), which H2 keeps so that a crash of the
 * machine (not just the process) cannot leave a chunk overwritten before its replacement
 * reached the disk. The datasource URL's {@code MAX_COMPACT_TIME} lets the close at
 * shutdown compact the rest. See docs/performance.md, "The embedded database file".
 * <p>
 * Does nothing unless the primary {@link DataSource} is an embedded H2 file database.
 */
@Component
class H2FileMaintenance implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(H2FileMaintenance.class);

	/** Rewrite when the live pages fill less than this percentage of all chunks. */
	static final int FILL_RATE = 50;

	private final DataSource dataSource;

	private final H2MaintenanceProperties properties;

	private final Timer rewrites;

	private volatile ScheduledExecutorService executor;

	private MVStore store;

	private long writesAfterLastRound = -1;

	H2FileMaintenance(DataSource dataSource, H2MaintenanceProperties properties, MeterRegistry meters) {
		this.dataSource = dataSource;
		this.properties = properties;
		this.rewrites = Timer.builder("chatspace.h2.rewrites")
			.description("rounds of rewriting the embedded H2 file's sparse chunks (commits wait meanwhile)")
			.register(meters);
	}

	/**
	 * One round: if anybody wrote since the last round, rewrites sparse chunks as
	 * described above.
	 * @return whether anybody had written since the last round
	 */
	synchronized boolean round() {
		MVStore mvStore = store;
		if (mvStore == null || mvStore.isClosed()) {
			return false;
		}
		FileStore<?> file = mvStore.getFileStore();
		boolean written = file.getWriteCount() != writesAfterLastRound;
		if (written) {
			rewrites.record(() -> mvStore.compact(FILL_RATE, (int) properties.rewrite().toBytes()));
		}
		writesAfterLastRound = file.getWriteCount();
		return written;
	}

	private void roundLogged() {
		try {
			round();
		}
		catch (RuntimeException ex) {
			log.warn("H2 file maintenance failed: {}", ex.toString());
		}
	}

	/**
	 * The embedded H2 file store behind a data source.
	 * @param dataSource where to take a connection from
	 * @return the store, or null if the data source is not an embedded H2 database with a
	 * file (a server connection, an in-memory database, another database)
	 */
	static MVStore embeddedFileStore(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if (!connection.isWrapperFor(JdbcConnection.class)
					|| !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
				return null;
			}
			MVStore mvStore = session.getDatabase().getStore().getMvStore();
			return mvStore.getFileStore() != null ? mvStore : null;
		}
		catch (SQLException ex) {
			log.warn("H2 file maintenance is off: no connection ({})", ex.toString());
			return null;
		}
	}

	@Override
	public synchronized void start() {
		if (!properties.enabled()) {
			return;
		}
		store = embeddedFileStore(dataSource);
		if (store == null) {
			return;
		}
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("h2-maintenance").daemon().factory());
		long every = Math.max(1, properties.interval().toMillis());
		started.scheduleWithFixedDelay(this::roundLogged, every, every, TimeUnit.MILLISECONDS);
		executor = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = executor;
		executor = null;
		if (running != null) {
			running.shutdownNow();
			try {
				running.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

}
