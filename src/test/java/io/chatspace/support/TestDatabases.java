package io.chatspace.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Real databases for the store contract tests, migrated by the application's own Flyway
 * scripts: a fresh in-memory H2, or a fresh schema in the PostgreSQL test database on
 * 127.0.0.1:5432 ({@code chatspace_test}, created when missing; user {@code postgres},
 * trust auth; {@code CHATSPACE_TEST_POSTGRES_URL} overrides the server's address).
 */
public final class TestDatabases {

	private static final String POSTGRES = System.getenv()
		.getOrDefault("CHATSPACE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");

	private static final String DATABASE = "chatspace_test";

	private TestDatabases() {
	}

	/**
	 * @return a new, migrated in-memory H2 database
	 */
	public static DataSource h2() {
		var dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		migrate(dataSource);
		return dataSource;
	}

	/**
	 * @param schema a schema name of {@code [a-z0-9_]}, dropped first when it exists
	 * @return a migrated schema of its own in PostgreSQL's {@code chatspace_test}
	 */
	public static DataSource postgres(String schema) {
		try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "")) {
			boolean exists;
			try (var rs = admin.createStatement()
				.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
				exists = rs.next();
			}
			if (!exists) {
				try {
					admin.createStatement().execute("create database " + DATABASE);
				}
				catch (SQLException ex) {
					// created concurrently
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL is not running on " + POSTGRES
					+ " (start it: pg_ctlcluster --skip-systemctl-redirect <version> main start)", ex);
		}
		String url = POSTGRES + DATABASE;
		try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
			c.createStatement().execute("drop schema if exists " + schema + " cascade");
			c.createStatement().execute("create schema " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		var dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url + "?currentSchema=" + schema,
				"postgres", "");
		migrate(dataSource);
		return dataSource;
	}

	/**
	 * Drops a schema made by {@link #postgres(String)}.
	 */
	public static void dropPostgres(String schema) {
		try (Connection c = DriverManager.getConnection(POSTGRES + DATABASE, "postgres", "")) {
			c.createStatement().execute("drop schema if exists " + schema + " cascade");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void migrate(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
	}

}
