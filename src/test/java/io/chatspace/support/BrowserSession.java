package io.chatspace.support;

import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's login through the form: {@code GET /login} for the session cookie and the
 * CSRF token, then {@code POST /login}. Holds the logged-in session cookie and a CSRF
 * token valid for it. The token is read from the login page's {@code _csrf} field (or
 * {@code <meta name="_csrf">}).
 */
public final class BrowserSession {

	private static final Pattern CSRF_INPUT = Pattern
		.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	private static final Pattern CSRF_META = Pattern.compile("<meta[^>]*name=\"_csrf\"[^>]*content=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

	private final String sessionCookie;

	private final String csrfToken;

	private BrowserSession(String sessionCookie, String csrfToken) {
		this.sessionCookie = sessionCookie;
		this.csrfToken = csrfToken;
	}

	/**
	 * Logs in through the login form and expects success.
	 * @return the session
	 */
	public static BrowserSession login(Api api, String username, String password) {
		Token before = csrf(api, null);
		Api.Response login = api.send(api.request("/login", null)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "JSESSIONID=" + before.session())
			.POST(HttpRequest.BodyPublishers.ofString("username=" + Api.encode(username) + "&password="
					+ Api.encode(password) + "&_csrf=" + Api.encode(before.value())))
			.build());
		assertThat(login.status()).as("POST /login: %s", login.body()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error")
			.doesNotContain("throttled");
		// a login changes the session id, and the CSRF token with it
		String session = sessionCookie(login).orElseThrow(() -> new AssertionError("login set no session cookie"));
		return new BrowserSession(session, csrf(api, session).value());
	}

	/**
	 * Logs out through {@code POST /logout} with this session's CSRF token and expects
	 * the redirect that ends it.
	 */
	public void logout(Api api) {
		Api.Response logout = api.send(api.request("/logout", null)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie())
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + Api.encode(csrfToken)))
			.build());
		assertThat(logout.status()).as("POST /logout: %s", logout.body()).isEqualTo(302);
	}

	/**
	 * @return the value of the {@code Cookie} header for this session
	 */
	public String cookie() {
		return "JSESSIONID=" + sessionCookie;
	}

	/**
	 * @return a CSRF token for state-changing requests of this session
	 */
	public String csrfToken() {
		return csrfToken;
	}

	private record Token(String session, String value) {
	}

	private static Token csrf(Api api, String session) {
		HttpRequest.Builder page = api.request("/login", null);
		if (session != null) {
			page.header("Cookie", "JSESSIONID=" + session);
		}
		Api.Response response = api.send(page.build());
		assertThat(response.status()).as("GET /login: %s", response.body()).isEqualTo(200);
		String value = csrfToken(response.body())
			.orElseThrow(() -> new AssertionError("no CSRF token in the login page: " + response.body()));
		String newSession = sessionCookie(response).orElse(session);
		assertThat(newSession).as("GET /login set no session cookie").isNotNull();
		return new Token(newSession, value);
	}

	private static Optional<String> sessionCookie(Api.Response response) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			Matcher m = SESSION.matcher(header);
			if (m.find()) {
				return Optional.of(m.group(1));
			}
		}
		return Optional.empty();
	}

	private static Optional<String> csrfToken(String html) {
		Matcher input = CSRF_INPUT.matcher(html);
		if (input.find()) {
			return Optional.of(input.group(1) != null ? input.group(1) : input.group(2));
		}
		Matcher meta = CSRF_META.matcher(html);
		return meta.find() ? Optional.of(meta.group(1)) : Optional.empty();
	}

}
