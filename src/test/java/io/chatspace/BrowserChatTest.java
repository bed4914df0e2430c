package io.chatspace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions;
import org.junit.jupiter.api.Test;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.messaging.Messages;
import io.chatspace.rooms.Room;
import io.chatspace.rooms.RoomKind;
import io.chatspace.rooms.Rooms;
import io.chatspace.support.BrowserTestSupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client end to end, in Debian's Chromium driven by Playwright: two users (two
 * browser contexts) register, create and join a room, chat both ways live, see each other
 * online, reload without losing history, and survive a dropped socket without losing or
 * duplicating anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserChatTest extends BrowserTestSupport {

	@Autowired
	Accounts accounts;

	@Autowired
	Rooms rooms;

	@Autowired
	Messages messages;

	@Test
	void twoUsersChatLiveInARoom() {
		String alice = unique("alice");
		String bob = unique("bob");
		String roomName = unique("Lounge");
		String slug = roomName.toLowerCase();

		Page a = newUserPage();
		register(a, alice);
		a.locator("#room-name").fill(roomName);
		a.locator("#create-room-button").click();
		assertThat(a).hasURL(Pattern.compile("/rooms/" + slug + "$"));
		assertThat(a.locator("#connection-state")).hasText("connected");
		assertThat(a.locator("#empty-room")).isVisible();

		Page b = newUserPage();
		register(b, bob);
		b.locator("#room-list a", new Page.LocatorOptions().setHasText(roomName)).click();
		assertThat(b).hasURL(Pattern.compile("/rooms/" + slug + "$"));
		assertThat(b.locator("#connection-state")).hasText("connected");

		// each sees the other online: from joined.online and from a presence event
		assertThat(b.locator("#online li", new Page.LocatorOptions().setHasText(alice))).hasCount(1);
		assertThat(a.locator("#online li", new Page.LocatorOptions().setHasText(bob))).hasCount(1);

		// both ways, live
		send(a, "hello from " + alice);
		assertThat(b.locator("#messages .message .body")).hasText(new String[] { "hello from " + alice });
		Locator received = b.locator("#messages .message").last();
		assertThat(received.locator(".author")).hasText(alice);
		assertThat(received.locator(".time")).hasAttribute("datetime", Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT.*Z$"));
		assertThat(received.locator(".time")).not().isEmpty();
		assertThat(received).hasAttribute("data-id", Pattern.compile("^\\d+$"));

		// typing notice: shown to the other, cleared by the typist's message
		b.locator("#message-input").pressSequentially("hi ");
		assertThat(a.locator("#typing")).hasText(bob + " is typing…");
		b.locator("#message-input").fill("hi " + alice);
		b.locator("#send-button").click();
		assertThat(a.locator("#messages .message .body"))
			.hasText(new String[] { "hello from " + alice, "hi " + alice });
		assertThat(a.locator("#typing")).hasText("");

		// user text is text: never markup
		send(a, "<b>bold</b> & <script>alert(1)</script>");
		Locator markup = b.locator("#messages .message .body").last();
		assertThat(markup).hasText("<b>bold</b> & <script>alert(1)</script>");
		assertThat(b.locator("#messages .message .body b")).hasCount(0);
		assertThat(b.locator("#messages .message .body script")).hasCount(0);

		// Shift+Enter is a new line, Enter sends
		Locator input = a.locator("#message-input");
		input.pressSequentially("line one");
		input.press("Shift+Enter");
		input.pressSequentially("line two");
		input.press("Enter");
		assertThat(b.locator("#messages .message")).hasCount(4);
		assertThat(b.locator("#messages .message .body").last().textContent()).isEqualTo("line one\nline two");
		assertThat(input).hasValue("");

		String[] all = { "hello from " + alice, "hi " + alice, "<b>bold</b> & <script>alert(1)</script>",
				"line one line two" };
		assertThat(a.locator("#messages .message .body")).hasText(all);
		assertThat(b.locator("#messages .message .body")).hasText(all);
		assertThat(a.locator("#outbox li")).hasCount(0);
		assertThat(a.locator("#error")).hasText("");
		screenshot(b, "room");

		// a reload brings the whole history back, once
		b.reload();
		assertThat(b.locator("#connection-state")).hasText("connected");
		assertThat(b.locator("#messages .message .body")).hasText(all);
		assertThat(b.locator("#online li", new Page.LocatorOptions().setHasText(alice))).hasCount(1);

		// a room name that is taken links to the existing room
		b.navigate(base("/"));
		b.locator("#room-name").fill(roomName);
		b.locator("#create-room-button").click();
		assertThat(b.locator("#create-error")).containsText("A room with that name exists");
		Locator existing = b.locator("#existing-room-link");
		assertThat(existing).hasAttribute("href", "/rooms/" + slug);
		screenshot(b, "home-duplicate");
		existing.click();
		assertThat(b).hasURL(Pattern.compile("/rooms/" + slug + "$"));
		assertThat(b.locator("#messages .message")).hasCount(4);
	}

	@Test
	void reconnectsWithoutLosingOrDuplicatingMessages() {
		String alice = unique("alice");
		String bob = unique("bob");
		String roomName = unique("Resume");
		String slug = roomName.toLowerCase();

		// alice's socket goes through a route the test can cut; while cut, reconnects
		// fail
		AtomicBoolean cut = new AtomicBoolean();
		AtomicBoolean swallowNextSend = new AtomicBoolean();
		List<WebSocketRoute> live = new ArrayList<>();
		Page a = newUserPage();
		a.routeWebSocket("**/ws", page -> {
			if (cut.get()) {
				page.close(new WebSocketRoute.CloseOptions().setCode(4001).setReason("cut by the test"));
				return;
			}
			WebSocketRoute server = page.connectToServer();
			AtomicBoolean dead = new AtomicBoolean();
			page.onMessage(frame -> {
				if (dead.get()) {
					return;
				}
				server.send(frame.text());
				if (frame.text().contains("\"type\":\"send\"") && swallowNextSend.compareAndSet(true, false)) {
					// the server stores it, but the ack never reaches the page: the
					// socket dies first
					dead.set(true);
					cut.set(true);
					page.close(new WebSocketRoute.CloseOptions().setCode(4002).setReason("cut by the test"));
					server.close();
				}
			});
			server.onMessage(frame -> {
				if (!dead.get()) {
					page.send(frame.text());
				}
			});
			live.add(page);
		});
		register(a, alice);
		a.locator("#room-name").fill(roomName);
		a.locator("#create-room-button").click();
		assertThat(a.locator("#connection-state")).hasText("connected");

		Page b = newUserPage();
		register(b, bob);
		b.navigate(base("/rooms/" + slug));
		assertThat(b.locator("#connection-state")).hasText("connected");
		send(b, "before the cut");
		assertThat(a.locator("#messages .message .body")).hasText(new String[] { "before the cut" });

		// alice sends; the server stores the message but alice's socket dies before the
		// ack
		swallowNextSend.set(true);
		send(a, "sent as the line dropped");
		assertThat(a.locator("#connection-state")).containsText("reconnecting in");
		assertThat(a.locator("#outbox li")).hasCount(1);
		assertThat(b.locator("#messages .message .body"))
			.hasText(new String[] { "before the cut", "sent as the line dropped" });

		// while alice is away: bob talks, alice types into the outbox
		send(b, "while you were away");
		send(a, "typed while offline");
		assertThat(a.locator("#outbox li")).hasCount(2);
		screenshot(a, "room-reconnecting");

		// back: alice resumes after her last id, resends her outbox with the same nonces
		cut.set(false);
		// the backoff has grown meanwhile (up to 8 s now)
		assertThat(a.locator("#connection-state")).hasText("connected", new HasTextOptions().setTimeout(25_000));
		String[] all = { "before the cut", "sent as the line dropped", "while you were away", "typed while offline" };
		assertThat(a.locator("#messages .message .body")).hasText(all);
		assertThat(b.locator("#messages .message .body")).hasText(all);
		assertThat(a.locator("#outbox li")).hasCount(0);
		assertThat(live).hasSizeGreaterThanOrEqualTo(2);

		// and the history agrees after a reload
		b.reload();
		assertThat(b.locator("#messages .message .body")).hasText(all);
	}

	@Test
	void loadsOlderMessagesOnDemand() {
		// 60 messages from three authors (each within the send rate limit's burst)
		String roomName = unique("Archive");
		Room room = null;
		int n = 0;
		for (int author = 0; author < 3; author++) {
			Account account = accounts.register(unique("seed"), PASSWORD);
			if (room == null) {
				room = rooms.create(roomName, RoomKind.PUBLIC, account);
			}
			for (int i = 0; i < 20; i++) {
				messages.post(room, account, "seed " + ++n, null).join();
			}
		}

		Page page = newUserPage();
		register(page, unique("dave"));
		page.navigate(base("/rooms/" + room.slug()));
		Locator shown = page.locator("#messages .message");
		assertThat(shown).hasCount(50);
		assertThat(shown.first().locator(".body")).hasText("seed 11");
		assertThat(shown.last().locator(".body")).hasText("seed 60");
		assertThat(shown.last()).isInViewport();

		Locator loadOlder = page.locator("#load-older");
		assertThat(loadOlder).isVisible();
		loadOlder.click();
		assertThat(shown).hasCount(60);
		assertThat(shown.first().locator(".body")).hasText("seed 1");
		assertThat(loadOlder).isHidden();
		// the view stays where the reader was
		assertThat(page.locator("#messages .message", new Page.LocatorOptions().setHasText("seed 11"))).isInViewport();
		String[] expected = new String[60];
		for (int i = 0; i < 60; i++) {
			expected[i] = "seed " + (i + 1);
		}
		assertThat(page.locator("#messages .message .body")).hasText(expected);
	}

	@Test
	void showsWhyAMessageWasRefused() {
		Page page = newUserPage();
		register(page, unique("erin"));
		page.locator("#room-name").fill(unique("Busy"));
		page.locator("#create-room-button").click();
		assertThat(page.locator("#connection-state")).hasText("connected");

		// far more than the burst of the send rate limit at once
		page.evaluate("""
				() => {
				  const input = document.getElementById('message-input');
				  for (let i = 1; i <= 40; i++) {
				    input.value = 'burst ' + i;
				    document.getElementById('send-button').click();
				  }
				}""");
		assertThat(page.locator("#error")).hasText("You are sending too fast. Wait a moment and try again.");
		// what was refused is not lost: it is back in the box to send again
		assertThat(page.locator("#message-input")).hasValue(Pattern.compile("^burst \\d+$"));
		assertThat(page.locator("#outbox li")).hasCount(0);
		int accepted = page.locator("#messages .message").count();
		assertThat(accepted).isBetween(20, 39);
	}

	@Test
	void twoUsersTypeIntoTheSharedDocumentAtOnceAndNeitherLosesACharacter() {
		String alice = unique("alice");
		String bob = unique("bob");
		String roomName = unique("Notes");
		Page a = newUserPage();
		register(a, alice);
		a.locator("#room-name").fill(roomName);
		a.locator("#create-room-button").click();
		assertThat(a.locator("#doc-status")).hasText("saved");
		a.locator("#doc-text").click();
		a.keyboard().type("[middle]");
		assertThat(a.locator("#doc-status")).hasText("saved");

		Page b = newUserPage();
		register(b, bob);
		b.navigate(base("/rooms/" + roomName.toLowerCase()));
		assertThat(b.locator("#doc-text")).hasValue("[middle]");

		// both type at the same time, alice before the middle, bob after it, one key
		// every 15 ms
		String typeAt = """
				([text, atEnd]) => new Promise((resolve) => {
				  const area = document.getElementById('doc-text');
				  let i = 0;
				  const timer = setInterval(() => {
				    const at = atEnd ? area.value.length : area.value.indexOf('[middle]');
				    area.setRangeText(text[i], at, at, 'end');
				    area.dispatchEvent(new Event('input', { bubbles: true }));
				    if (++i === text.length) { clearInterval(timer); resolve(); }
				  }, 15);
				})""";
		String aliceWords = "alice-was-here-typing-fast ";
		String bobWords = " bob-typed-this-concurrently";
		b.evaluate("(f) => { window.__typing = (" + typeAt + ")(f); }", List.of(bobWords, true));
		a.evaluate(typeAt, List.of(aliceWords, false));
		b.evaluate("() => window.__typing");

		String expected = aliceWords + "[middle]" + bobWords;
		assertThat(a.locator("#doc-text")).hasValue(expected);
		assertThat(b.locator("#doc-text")).hasValue(expected);
		assertThat(a.locator("#doc-status")).hasText("saved");
		assertThat(b.locator("#doc-status")).hasText("saved");
		// each sees where the other is typing
		assertThat(a.locator(".doc-caret[data-user='" + bob + "']")).hasCount(1);
		screenshot(a, "document");

		// the document is stored: a fresh page gets the same text
		b.reload();
		assertThat(b.locator("#doc-text")).hasValue(expected);
	}

	@Test
	void loginPagesExplainWhatHappened() {
		String carol = unique("carol");
		Page page = newUserPage();
		register(page, carol);
		screenshot(page, "home");
		page.locator("#logout-button").click();
		assertThat(page).hasURL(Pattern.compile("/login\\?logout$"));
		assertThat(page.locator("#logged-out")).hasText("You have been logged out.");

		page.locator("#username").fill(carol);
		page.locator("#password").fill("not-the-password");
		page.locator("#login-button").click();
		assertThat(page.locator("#login-error")).isVisible();
		screenshot(page, "login-error");

		page.locator("#username").fill(carol);
		page.locator("#password").fill(PASSWORD);
		page.locator("#login-button").click();
		assertThat(page).hasURL(Pattern.compile("/$"));
		assertThat(page.locator("[data-testid=current-user]")).containsText(carol);

		page.navigate(base("/rooms/no-such-room"));
		assertThat(page.locator("#problem-message")).containsText("no-such-room");
		screenshot(page, "problem");

		page.navigate(base("/login?throttled"));
		assertThat(page.locator("#login-throttled"))
			.hasText("Too many failed attempts. Wait a few minutes and try again.");
		assertThat(page.locator("a[href='/register']")).isVisible();
	}

}
