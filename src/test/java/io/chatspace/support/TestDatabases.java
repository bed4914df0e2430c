package io.chatspace.support;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Real databases for the store contract tests, migrated by the application's own Flyway
 * scripts: a fresh in-memory H2, or a fresh database on the local PostgreSQL
 * ({@link PostgresDatabase}).
 */
public final class TestDatabases {

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
	 * @return a new database on the local PostgreSQL ({@link PostgresDatabase}), migrated
	 */
	public static DataSource postgres() {
		String name = PostgresDatabase.create();
		var dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
				PostgresDatabase.url(name, PostgresDatabase.PRIMARY), "postgres", "");
		migrate(dataSource);
		return dataSource;
	}

	private static void migrate(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
	}

}
