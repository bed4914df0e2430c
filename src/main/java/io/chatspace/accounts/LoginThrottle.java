package io.chatspace.accounts;

import io.chatspace.support.ratelimit.TokenBuckets;

import org.springframework.stereotype.Component;

/**
 * Limits failed password checks per username and per client address with token buckets:
 * each failure takes a token from both buckets; an empty bucket blocks further attempts
 * until it refills. The buckets are {@link TokenBuckets}: bounded in memory on one node,
 * shared by every node when they live in Redis.
 */
@Component
class LoginThrottle {

	private final TokenBuckets buckets;

	private final TokenBuckets.Limit perUser;

	private final TokenBuckets.Limit perAddress;

	LoginThrottle(AccountsProperties properties, TokenBuckets buckets) {
		var limits = properties.loginThrottle();
		this.buckets = buckets;
		this.perUser = new TokenBuckets.Limit(limits.perUser(), limits.perUser(), limits.window());
		this.perAddress = new TokenBuckets.Limit(limits.perAddress(), limits.perAddress(), limits.window());
	}

	/**
	 * @param username the name tried (any case), may be {@literal null}
	 * @param address the client's address
	 * @return whether a password check must be refused without trying
	 */
	boolean isBlocked(String username, String address) {
		return buckets.available(userKey(username), perUser) <= 0
				|| buckets.available(addressKey(address), perAddress) <= 0;
	}

	void recordFailure(String username, String address) {
		buckets.tryConsume(userKey(username), perUser);
		buckets.tryConsume(addressKey(address), perAddress);
	}

	private static String userKey(String username) {
		return "login:user:" + (username == null ? "" : Accounts.key(username));
	}

	private static String addressKey(String address) {
		return "login:ip:" + address;
	}

}
