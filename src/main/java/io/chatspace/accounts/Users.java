package io.chatspace.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
class Users {

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Account insert(String username, String key, String passwordHash, Instant now) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("insert into users (username, username_key, password_hash, created_at) values (?, ?, ?, ?)")
			.params(username, key, passwordHash, Timestamp.from(now))
			.update(keys, "id");
		return new Account(keys.getKey().longValue(), username);
	}

	Optional<Account> findByKey(String key) {
		return jdbc.sql("select id, username from users where username_key = ?")
			.param(key)
			.query((rs, n) -> new Account(rs.getLong(1), rs.getString(2)))
			.optional();
	}

	Optional<Account> findById(long id) {
		return jdbc.sql("select id, username from users where id = ?")
			.param(id)
			.query((rs, n) -> new Account(rs.getLong(1), rs.getString(2)))
			.optional();
	}

	List<Account> list(String keyPrefix, int limit) {
		return jdbc
			.sql("select id, username from users where username_key like ? escape '!' order by username_key limit ?")
			.params(keyPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%", limit)
			.query((rs, n) -> new Account(rs.getLong(1), rs.getString(2)))
			.list();
	}

	Optional<Credentials> credentials(String key) {
		return jdbc.sql("select id, username, password_hash from users where username_key = ?")
			.param(key)
			.query((rs, n) -> new Credentials(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	record Credentials(long id, String username, String passwordHash) {

		Account account() {
			return new Account(id, username);
		}

	}

}
