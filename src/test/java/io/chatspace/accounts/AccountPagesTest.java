package io.chatspace.accounts;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration, form login, logout and login throttling, as a browser does them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountPagesTest {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Test
	void registeringLogsTheNewUserIn() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> registered = browser.submit("/register", "/register",
				Map.of("username", "pagesuser", "password", "password1"));
		assertThat(registered.statusCode()).isEqualTo(302);
		assertThat(registered.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("pagesuser");
		assertThat(accounts.findByUsername("PagesUser")).isPresent();
	}

	@Test
	void invalidRegistrationSaysWhyAndCreatesNothing() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> response = browser.submit("/register", "/register",
				Map.of("username", "x", "password", "password1"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("username must be 3-32 characters");
		assertThat(accounts.findByUsername("x")).isEmpty();
	}

	@Test
	void loginAndLogoutWithTheForm() throws Exception {
		accounts.register("formuser", "password1");
		Browser browser = new Browser();
		HttpResponse<String> login = browser.submit("/login", "/login",
				Map.of("username", "formuser", "password", "password1"));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(browser.get("/").statusCode()).isEqualTo(200);
		HttpResponse<String> logout = browser.submit("/", "/logout", Map.of());
		assertThat(logout.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).contains("/login?logout"));
		HttpResponse<String> after = browser.get("/");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
	}

	@Test
	void repeatedWrongPasswordsThrottleTheFormEvenForTheRightPassword() throws Exception {
		accounts.register("throttled", "password1");
		Browser browser = new Browser();
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> wrong = browser.submit("/login", "/login",
					Map.of("username", "throttled", "password", "wrong-" + i));
			assertThat(wrong.headers().firstValue("Location"))
				.hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
		}
		HttpResponse<String> fifth = browser.submit("/login", "/login",
				Map.of("username", "throttled", "password", "nope"));
		assertThat(fifth.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?throttled"));
		HttpResponse<String> right = browser.submit("/login", "/login",
				Map.of("username", "throttled", "password", "password1"));
		assertThat(right.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?throttled"));
		assertThat(browser.get("/").statusCode()).as("still logged out").isEqualTo(302);
		assertThat(browser.get("/login?throttled").body()).containsIgnoringCase("too many failed attempts");
	}

	@Test
	void pagesSendAStrictContentSecurityPolicy() throws Exception {
		HttpResponse<String> login = new Browser().get("/login");
		assertThat(login.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
	}

	/**
	 * A cookie-keeping client that submits forms with their CSRF token, like a browser.
	 */
	private final class Browser {

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> submit(String page, String action, Map<String, String> fields)
				throws IOException, InterruptedException {
			String html = get(page).body();
			Matcher csrf = Pattern
				.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
				.matcher(html);
			assertThat(csrf.find()).as("a CSRF field on " + page).isTrue();
			String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
			String form = fields.entrySet()
				.stream()
				.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
				.collect(Collectors.joining("&", "_csrf=" + enc(token) + (fields.isEmpty() ? "" : "&"), ""));
			return http.send(HttpRequest.newBuilder(uri(action))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + port + path);
		}

		private static String enc(String s) {
			return URLEncoder.encode(s, StandardCharsets.UTF_8);
		}

	}

}
