package io.chatspace.support.h2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link H2FileMaintenance} on real H2 file databases, written the way the message log
 * writes them ({@code WRITE_DELAY=0}, one commit per message). The retention time is cut
 * from 45 s to 200 ms so that chunks come of age within the test.
 */
class H2FileMaintenanceTest {

	static final int MESSAGES = 4000;

	/** Rounds are run by the test: the scheduled ones never come. */
	static final H2MaintenanceProperties PROPERTIES = new H2MaintenanceProperties(true, Duration.ofHours(1),
			DataSize.ofMegabytes(1));

	@TempDir
	Path dir;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void keepsTheFileFromGrowingByWhatEveryCommitLeavesBehind() throws Exception {
		JdbcDataSource plain = database("plain");
		JdbcDataSource kept = database("kept");
		H2FileMaintenance maintenance = new H2FileMaintenance(kept, PROPERTIES, meters);
		try (Connection plainWriter = plain.getConnection(); Connection keptWriter = kept.getConnection()) {
			maintenance.start();
			assertThat(maintenance.isRunning()).isTrue();
			writeMessages(plainWriter, keptWriter, maintenance);
			long plainSize = fileSize("plain");
			long keptSize = fileSize("kept");
			assertThat(keptSize).as("file with upkeep vs %d bytes without", plainSize).isLessThan(plainSize / 2);

			assertThat(meters.timer("chatspace.h2.rewrites").count()).as("rounds timed").isPositive();

			// nobody writes: once the last commits are seen to, rounds have nothing to do
			maintenance.round();
			assertThat(maintenance.round()).isFalse();

			// the next write makes the rounds work again
			writeMessage(keptWriter, MESSAGES + 1);
			assertThat(maintenance.round()).isTrue();
		}
		finally {
			maintenance.stop();
		}
		assertThat(count(kept)).isEqualTo(MESSAGES + 1);
	}

	@Test
	void leavesDatabasesWithoutAFileAlone() throws Exception {
		JdbcDataSource memory = new JdbcDataSource();
		memory.setURL("jdbc:h2:mem:maintenance;DB_CLOSE_DELAY=-1");
		assertThat(H2FileMaintenance.embeddedFileStore(memory)).isNull();
		assertThat(H2FileMaintenance.embeddedFileStore(database("file"))).isNotNull();

		H2FileMaintenance maintenance = new H2FileMaintenance(memory, PROPERTIES, meters);
		maintenance.start();
		assertThat(maintenance.isRunning()).isFalse();
		assertThat(maintenance.round()).isFalse();
	}

	@Test
	void isOffWhenSwitchedOff() throws Exception {
		H2FileMaintenance maintenance = new H2FileMaintenance(database("off"),
				new H2MaintenanceProperties(false, PROPERTIES.interval(), PROPERTIES.rewrite()), meters);
		maintenance.start();
		assertThat(maintenance.isRunning()).isFalse();
	}

	private JdbcDataSource database(String name) throws SQLException {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=200;DB_CLOSE_DELAY=-1");
		dataSource.setUser("sa");
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("""
					create table if not exists messages (id bigint primary key, room_id bigint not null,
					author varchar(32) not null, body varchar(4000) not null)""");
			statement.execute("create index if not exists messages_room_id on messages (room_id, id)");
		}
		return dataSource;
	}

	/**
	 * Writes the messages to both, one commit each and about one a millisecond (a
	 * retention time of 200 ms then holds about 200 commits, as 45 s do at 4 commits a
	 * second), with a maintenance round every 100 ms.
	 */
	private static void writeMessages(Connection plain, Connection kept, H2FileMaintenance maintenance)
			throws Exception {
		long nextRound = System.nanoTime();
		for (long id = 1; id <= MESSAGES; id++) {
			writeMessage(plain, id);
			writeMessage(kept, id);
			if (System.nanoTime() - nextRound >= 0) {
				assertThat(maintenance.round()).isTrue();
				nextRound += Duration.ofMillis(100).toNanos();
			}
			Thread.sleep(1);
		}
	}

	private static void writeMessage(Connection connection, long id) throws SQLException {
		connection.setAutoCommit(false);
		try (PreparedStatement insert = connection.prepareStatement("insert into messages values (?, ?, ?, ?)")) {
			insert.setLong(1, id);
			insert.setLong(2, id % 10);
			insert.setString(3, "alice");
			insert.setString(4, "message number " + id + ", about as long as a usual line of chat");
			insert.executeUpdate();
			connection.commit();
		}
	}

	private static long count(JdbcDataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select count(*) from messages")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private long fileSize(String name) throws Exception {
		return Files.size(dir.resolve(name + ".mv.db"));
	}

}
