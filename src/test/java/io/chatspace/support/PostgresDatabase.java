package io.chatspace.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth, as
 * {@code .ci/run} provides) for one test context. Databases of earlier runs older than
 * two hours are dropped on the way.
 */
public final class PostgresDatabase {

	/** The primary's port. */
	public static final int PRIMARY = 5432;

	/** The streaming replica's port ({@code scripts/postgres-replica start}). */
	public static final int REPLICA = 5433;

	private static final String PREFIX = "chatspace_t_";

	private PostgresDatabase() {
	}

	/**
	 * Creates a database and points the context's primary data source at it.
	 * @param registry the test context's properties
	 * @return the database's name
	 */
	public static String use(DynamicPropertyRegistry registry) {
		String name = create();
		registry.add("spring.datasource.url", () -> url(name, PRIMARY));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		// test contexts stay cached (and connected) until the JVM ends: with the
		// profile's 20 connections each, a few of them exhaust PostgreSQL's 100
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> "5");
		registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
		return name;
	}

	/**
	 * Creates a database and points the context at it, with its streaming replica (which
	 * has every database of the primary) as the read replica.
	 * @param registry the test context's properties
	 * @return the database's name
	 */
	public static String useWithReplica(DynamicPropertyRegistry registry) {
		String name = use(registry);
		registry.add("chatspace.datasource.replica.url", () -> url(name, REPLICA));
		return name;
	}

	/**
	 * @return the JDBC URL of a database on a port
	 */
	public static String url(String database, int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	/**
	 * @return the name of a new, empty database
	 */
	public static synchronized String create() {
		long now = System.currentTimeMillis() / 1000;
		String name = PREFIX + now + "_" + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36);
		try (Connection admin = DriverManager.getConnection(url("postgres", PRIMARY), "postgres", "");
				Statement statement = admin.createStatement()) {
			dropOld(statement, now);
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL is needed on 127.0.0.1:" + PRIMARY
					+ " (user postgres, trust auth; .ci/run starts it): " + ex.getMessage(), ex);
		}
		return name;
	}

	private static void dropOld(Statement statement, long now) throws SQLException {
		List<String> old = new ArrayList<>();
		try (ResultSet rs = statement
			.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
			while (rs.next()) {
				String name = rs.getString(1);
				String[] parts = name.substring(PREFIX.length()).split("_");
				try {
					if (now - Long.parseLong(parts[0]) > Duration.ofHours(2).toSeconds()) {
						old.add(name);
					}
				}
				catch (NumberFormatException ex) {
					// not one of ours
				}
			}
		}
		for (String name : old) {
			try {
				statement.execute("drop database if exists " + name);
			}
			catch (SQLException ex) {
				// still in use: next time
			}
		}
	}

}
