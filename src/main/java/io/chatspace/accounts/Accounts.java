package io.chatspace.accounts;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;
import io.chatspace.support.datasource.ReplicaFirst;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Registers and looks up accounts. Passwords are stored only as adaptive hashes (bcrypt
 * via Spring Security's delegating encoder).
 */
@Service
public class Accounts {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

	private final Users users;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	// a hash of a random string, checked against for unknown users so they take as long
	private final String dummyHash;

	private final ReplicaFirst replicaFirst;

	Accounts(Users users, PasswordEncoder passwordEncoder, Clock clock, ReplicaFirst replicaFirst) {
		this.users = users;
		this.replicaFirst = replicaFirst;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.dummyHash = passwordEncoder.encode(java.util.UUID.randomUUID().toString());
	}

	/**
	 * Registers a new account.
	 * @param username 3–32 of {@code [A-Za-z0-9_.-]}
	 * @param password 8–128 characters
	 * @return the new account
	 * @throws ChatSpaceException {@code bad_request} for an invalid name or password,
	 * {@code conflict} when the name is taken (case-insensitively)
	 */
	public Account register(String username, String password) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST,
					"username must be 3-32 characters of letters, digits, '_', '.' or '-'");
		}
		if (password == null || password.length() < 8 || password.length() > 128) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "password must be 8-128 characters");
		}
		try {
			return users.insert(username, key(username), passwordEncoder.encode(password), clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new ChatSpaceException(ErrorCode.CONFLICT, "username '" + username + "' is taken");
		}
	}

	/**
	 * The account of an authenticated request's principal. A bearer token's look-up has
	 * already read the account and carries it in the authentication's details (no second
	 * query per request or WebSocket handshake); any other principal (a login session) is
	 * looked up by name.
	 * @param principal the request's principal, or null
	 * @return the account, empty when there is no principal or no such account (deleted
	 * meanwhile)
	 */
	public Optional<Account> of(java.security.Principal principal) {
		if (principal == null) {
			return Optional.empty();
		}
		if (principal instanceof org.springframework.security.core.Authentication authentication
				&& authentication.getDetails() instanceof Account account
				&& account.username().equals(authentication.getName())) {
			return Optional.of(account);
		}
		return findByUsername(principal.getName());
	}

	/**
	 * @param username any case
	 * @return the account with that name, compared case-insensitively
	 */
	public Optional<Account> findByUsername(String username) {
		if (username == null || username.length() > 32) {
			return Optional.empty();
		}
		return users.findByKey(key(username));
	}

	/**
	 * Checks a password. Takes as long for an unknown user as for a wrong password.
	 * @param username any case
	 * @param password the password tried
	 * @return the account when the password matches
	 */
	public Optional<Account> authenticate(String username, String password) {
		if (username == null || password == null || username.length() > 32 || password.length() > 128) {
			return Optional.empty();
		}
		var credentials = users.credentials(key(username));
		if (credentials.isEmpty()) {
			passwordEncoder.matches(password, dummyHash);
			return Optional.empty();
		}
		if (!passwordEncoder.matches(password, credentials.get().passwordHash())) {
			return Optional.empty();
		}
		return Optional.of(credentials.get().account());
	}

	/**
	 * @param id the account's database id
	 * @return the account, if it exists
	 */
	public Optional<Account> findById(long id) {
		return replicaFirst.find(() -> users.findById(id));
	}

	/**
	 * @param prefix the start of the names wanted, any case ({@code ""} for all)
	 * @param limit the most accounts to return
	 * @return the accounts whose name starts with {@code prefix}, by name
	 * (case-insensitively)
	 */
	public List<Account> list(String prefix, int limit) {
		if (prefix == null || prefix.length() > 32) {
			return List.of();
		}
		return users.list(key(prefix), limit);
	}

	static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

}
