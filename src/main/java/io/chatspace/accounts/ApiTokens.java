package io.chatspace.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatspace.support.datasource.ReplicaFirst;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Issues and verifies API bearer tokens ({@code Authorization: Bearer <token>}, RFC
 * 6750). A token is 256 random bits; only its SHA-256 hash is stored, so a leaked
 * database does not leak usable tokens. Verified tokens are cached for a short time so a
 * reconnect storm does not cost one database read per socket.
 */
@Service
public class ApiTokens {

	private static final Duration CACHE_TTL = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration ttl;

	private final SecureRandom random = new SecureRandom();

	private final Cache<String, Verified> verified = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(CACHE_TTL)
		.build();

	private final ReplicaFirst replicaFirst;

	ApiTokens(JdbcClient jdbc, Clock clock, AccountsProperties properties, ReplicaFirst replicaFirst) {
		this.jdbc = jdbc;
		this.replicaFirst = replicaFirst;
		this.clock = clock;
		this.ttl = properties.tokenTtl();
	}

	/**
	 * Issues a new token for the account.
	 * @param account the owner
	 * @return the token and its expiry ({@code chatspace.accounts.token-ttl} from now)
	 */
	public IssuedToken issue(Account account) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = clock.instant();
		Instant expiresAt = now.plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		jdbc.sql("insert into api_tokens (token_hash, user_id, expires_at, created_at) values (?, ?, ?, ?)")
			.params(hash(token), account.id(), Timestamp.from(expiresAt), Timestamp.from(now))
			.update();
		return new IssuedToken(token, expiresAt);
	}

	/**
	 * @param token a bearer token as sent by a client
	 * @return its account when the token exists and has not expired
	 */
	public Optional<Account> authenticate(String token) {
		if (token == null || token.isEmpty() || token.length() > 128) {
			return Optional.empty();
		}
		String hash = hash(token);
		Verified hit = verified.getIfPresent(hash);
		if (hit == null) {
			hit = replicaFirst.find(() -> jdbc.sql(
					"select u.id, u.username, t.expires_at from api_tokens t join users u on u.id = t.user_id where t.token_hash = ?")
				.param(hash)
				.query((rs, n) -> new Verified(new Account(rs.getLong(1), rs.getString(2)),
						rs.getTimestamp(3).toInstant()))
				.optional()).orElse(null);
			if (hit == null) {
				return Optional.empty();
			}
			verified.put(hash, hit);
		}
		return hit.expiresAt().isAfter(clock.instant()) ? Optional.of(hit.account()) : Optional.empty();
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JDK", ex);
		}
	}

	private record Verified(Account account, Instant expiresAt) {
	}

}
