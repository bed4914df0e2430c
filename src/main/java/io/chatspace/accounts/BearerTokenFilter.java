package io.chatspace.accounts;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.chatspace.support.ErrorCode;
import io.chatspace.support.StoreFailures;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries an API token:
 * {@code Authorization: Bearer <token>} anywhere, or {@code ?access_token=<token>} on the
 * WebSocket handshake only (RFC 6750 §2.3; browsers cannot set headers on a WebSocket).
 * The authentication lives for this request only; it is never stored in a session. An
 * invalid token is answered with {@code 401} at once instead of falling back to a session
 * cookie.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	BearerTokenFilter(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = token(request);
		if (token == null) {
			chain.doFilter(request, response);
			return;
		}
		java.util.Optional<Account> account;
		try {
			account = tokens.authenticate(token);
		}
		catch (RuntimeException ex) {
			if (!StoreFailures.isStoreFailure(ex)) {
				throw ex;
			}
			// not a 401: the token may well be valid, and the client must keep it and
			// retry (the look-up runs in a read-only transaction, which may fail to open)
			ApiErrorResponses.write(response, ErrorCode.UNAVAILABLE, "cannot verify the token now; retry later");
			return;
		}
		if (account.isEmpty()) {
			ApiErrorResponses.write(response, ErrorCode.UNAUTHORIZED, "invalid or expired token");
			return;
		}
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication(account.get()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/**
	 * @return the authentication of a request that carries a valid token of the account;
	 * the account rides along as its details, so {@code Accounts.of(principal)} needs no
	 * second query
	 */
	static UsernamePasswordAuthenticationToken authentication(Account account) {
		var authentication = UsernamePasswordAuthenticationToken.authenticated(account.username(), null,
				List.of(new SimpleGrantedAuthority("ROLE_USER")));
		authentication.setDetails(account);
		return authentication;
	}

	/**
	 * @return the token a request carries, or {@code null}
	 */
	static String token(HttpServletRequest request) {
		if (ApiErrorResponses.hasBearerCredentials(request)) {
			return request.getHeader("Authorization").substring(7).trim();
		}
		if ("/ws".equals(request.getRequestURI().substring(request.getContextPath().length()))) {
			return request.getParameter("access_token");
		}
		return null;
	}

}
