package io.chatspace.presence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/users?q=&limit=}: users with their online state, those online first,
 * each group by name.
 */
@RestController
class UsersController {

	static final int MAX_LIMIT = 200;

	private final Accounts accounts;

	private final OnlineUsers online;

	UsersController(Accounts accounts, OnlineUsers online) {
		this.accounts = accounts;
		this.online = online;
	}

	@GetMapping("/api/users")
	Map<String, List<UserView>> list(@RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "limit must be 1-" + MAX_LIMIT);
		}
		if (q.length() > 32) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "q must be at most 32 characters");
		}
		String prefix = q.toLowerCase(Locale.ROOT);
		Map<String, UserView> users = new LinkedHashMap<>();
		for (String name : online.online().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()) {
			if (users.size() < limit && name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
				users.put(name, new UserView(name, true));
			}
		}
		if (users.size() < limit) {
			List<UserView> offline = new ArrayList<>();
			for (Account account : accounts.list(q, limit)) {
				if (!users.containsKey(account.username())) {
					offline.add(new UserView(account.username(), false));
				}
			}
			offline.stream().limit(limit - users.size()).forEach(u -> users.put(u.username(), u));
		}
		return Map.of("users", List.copyOf(users.values()));
	}

	/** One user: {@code {"username","online"}}. */
	record UserView(String username, boolean online) {
	}

}
