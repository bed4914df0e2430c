package io.chatspace.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of browser tests: Debian's Chromium driven by Playwright, one browser per test
 * class, one {@link BrowserContext} per user (cookies and storage of its own). Every page
 * is watched: a script error, a CSP violation, a console error or a failed request of a
 * script, style or API call fails the test. Set {@code -Dchatspace.screenshots=/some/dir}
 * to keep screenshots of the pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTestSupport {

	/** How long a browser assertion waits. */
	protected static final double TIMEOUT_MS = 10_000;

	/** The password of every user registered through {@link #register}. */
	protected static final String PASSWORD = Api.PASSWORD;

	private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	@LocalServerPort
	protected int port;

	private Playwright playwright;

	private Browser browser;

	private final List<BrowserContext> contexts = new ArrayList<>();

	/** script errors, CSP violations and failed asset loads seen on any page */
	private final List<String> pageProblems = new CopyOnWriteArrayList<>();

	@BeforeAll
	void launchBrowser() {
		if (!Files.isExecutable(CHROMIUM)) {
			throw new IllegalStateException(CHROMIUM + " is missing: the browser tests need Debian's Chromium. "
					+ "Install it with: apt-get update && apt-get install -y chromium");
		}
		PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
		playwright = Playwright.create();
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
						"--disable-background-networking", "--disable-component-update", "--no-first-run",
						"--disable-sync")));
	}

	@AfterEach
	void closeContexts() {
		contexts.forEach(BrowserContext::close);
		contexts.clear();
		List<String> problems = List.copyOf(pageProblems);
		pageProblems.clear();
		assertThat(problems).as("errors on the pages").isEmpty();
	}

	@AfterAll
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
		if (playwright != null) {
			playwright.close();
		}
	}

	/**
	 * @return a page in a new browser context: a new user, nobody logged in
	 */
	protected Page newUserPage() {
		BrowserContext context = browser
			.newContext(new Browser.NewContextOptions().setBaseURL(base("")).setViewportSize(1280, 800));
		context.setDefaultTimeout(TIMEOUT_MS);
		contexts.add(context);
		Page page = context.newPage();
		// a script error, a CSP violation or a missing asset is a bug; failed socket
		// attempts and pages answered with 4xx on purpose are not
		page.onPageError(error -> pageProblems.add("page error: " + error));
		page.onConsoleMessage(message -> {
			if ("error".equals(message.type()) && !message.text().contains("WebSocket")
					&& !message.text().startsWith("Failed to load resource")) {
				pageProblems.add("console error: " + message.text());
			}
		});
		page.onResponse(response -> {
			if (response.status() >= 400 && !"document".equals(response.request().resourceType())) {
				pageProblems.add(response.status() + " for " + response.url());
			}
		});
		return page;
	}

	/**
	 * @return a second page (a second tab) of the same user as {@code page}
	 */
	protected Page newTab(Page page) {
		return page.context().newPage();
	}

	/** Registers through the form and expects to land on the home page, logged in. */
	protected void register(Page page, String username) {
		page.navigate(base("/register"));
		page.locator("#username").fill(username);
		page.locator("#password").fill(PASSWORD);
		page.locator("#register-button").click();
		assertThat(page).hasURL(Pattern.compile("/$"));
		assertThat(page.locator("[data-testid=current-user]")).containsText(username);
	}

	/** Types a message into the room page's composer and sends it with Enter. */
	protected static void send(Page page, String text) {
		page.locator("#message-input").fill(text);
		page.locator("#message-input").press("Enter");
	}

	/** Keeps a screenshot when {@code -Dchatspace.screenshots} names a directory. */
	protected void screenshot(Page page, String name) {
		String dir = System.getProperty("chatspace.screenshots");
		if (dir != null) {
			page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get(dir, name + ".png")));
		}
	}

	/**
	 * @return the server's address of the path, e.g. {@code http://localhost:8080/}
	 */
	protected String base(String path) {
		return "http://localhost:" + port + path;
	}

	/**
	 * @return a unique user or room name
	 */
	protected static String unique(String prefix) {
		return Names.unique(prefix);
	}

}
