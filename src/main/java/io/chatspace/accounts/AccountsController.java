package io.chatspace.accounts;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/accounts} and {@code POST /api/auth/token}. */
@RestController
class AccountsController {

	private final Accounts accounts;

	private final ApiTokens tokens;

	private final LoginThrottle throttle;

	AccountsController(Accounts accounts, ApiTokens tokens, LoginThrottle throttle) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.throttle = throttle;
	}

	@PostMapping("/api/accounts")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, String> register(@RequestBody Credentials body) {
		Account account = accounts.register(body.username(), body.password());
		return Map.of("username", account.username());
	}

	@PostMapping("/api/auth/token")
	IssuedToken token(@RequestBody Credentials body, HttpServletRequest request) {
		String address = SecurityConfiguration.clientAddress(request);
		if (throttle.isBlocked(body.username(), address)) {
			throw new ChatSpaceException(ErrorCode.RATE_LIMITED, "too many failed attempts; try again later");
		}
		Account account = accounts.authenticate(body.username(), body.password()).orElse(null);
		if (account == null) {
			throttle.recordFailure(body.username(), address);
			throw new ChatSpaceException(ErrorCode.UNAUTHORIZED, "wrong username or password");
		}
		return tokens.issue(account);
	}

	record Credentials(String username, String password) {
	}

}
