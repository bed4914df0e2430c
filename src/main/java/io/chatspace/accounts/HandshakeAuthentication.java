package io.chatspace.accounts;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Who a WebSocket handshake ({@code GET /ws}) is from, when that is certain without the
 * web stack: a valid bearer token (RFC 6750, in the {@code Authorization} header or the
 * {@code access_token} query parameter, as {@link BearerTokenFilter} reads it) or the
 * Spring Security context that form login stored in the request's session. The answer is
 * the same authentication the handshake's security chain would establish
 * ({@code SecurityConfiguration#webSocketFilterChain}), read from the same two sources.
 * <p>
 * It only ever says yes or "not known here": an invalid or expired token, a session
 * without a login, no credentials at all, or a store that cannot be asked are all
 * {@link Optional#empty()}, and the caller lets the security chain answer the request
 * (its {@code 401}, {@code 403} or {@code 503} with a JSON body, see docs/protocol.md).
 * The gateway uses it to upgrade an authenticated handshake before the rest of the web
 * stack runs, which is most of a handshake's cost (docs/performance.md, reconnect storm).
 */
@Component
public class HandshakeAuthentication {

	private final ApiTokens tokens;

	// where form login keeps the logged-in context (Spring Security's default); it never
	// creates a session
	private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

	HandshakeAuthentication(ApiTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * @param request a WebSocket handshake request
	 * @return its authentication (its principal is the one {@link Accounts#of} takes), or
	 * empty when only the security chain can tell
	 */
	public Optional<Authentication> authenticate(HttpServletRequest request) {
		String token = BearerTokenFilter.token(request);
		if (token != null) {
			return authenticateToken(token);
		}
		Authentication login = sessions.loadDeferredContext(request).get().getAuthentication();
		return Optional.ofNullable(login).filter(Authentication::isAuthenticated);
	}

	/**
	 * @param token a bearer token (RFC 6750) as the handshake carried it, in the
	 * {@code Authorization} header or the {@code access_token} query parameter
	 * @return its authentication, or empty when the token is not valid or the store
	 * cannot be asked (the security chain then answers {@code 401} or {@code 503})
	 */
	public Optional<Authentication> authenticateToken(String token) {
		try {
			return tokens.authenticate(token).map(BearerTokenFilter::authentication);
		}
		catch (RuntimeException ex) {
			// a store that is down: the chain answers 503
			return Optional.empty();
		}
	}

	/**
	 * @param request a WebSocket handshake request
	 * @return whether it carries a bearer token (valid or not), i.e. no ambient
	 * credentials such as a cookie
	 */
	public static boolean carriesToken(HttpServletRequest request) {
		return BearerTokenFilter.token(request) != null;
	}

}
