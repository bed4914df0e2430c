package io.chatspace;

import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import io.chatspace.support.Api;
import io.chatspace.support.BrowserTestSupport;

import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct messages in the browser: alice starts a conversation with bob from the people
 * list; bob sees her online and the unread conversation at the top of his list, opens it
 * and replies while she sees him typing; carol, a third user, sees neither the
 * conversation nor its messages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserDirectMessageTest extends BrowserTestSupport {

	@Test
	void aliceWritesToBobAndBobRepliesWhileCarolSeesNothing() {
		String alice = unique("alice");
		String bob = unique("bob");
		String carol = unique("carol");
		Api api = new Api(port);

		Page c = newUserPage();
		register(c, carol);
		Page b = newUserPage();
		register(b, bob);
		assertThat(b.locator("#home-connection")).hasText("live");

		// carol writes to bob first: her conversation shows up on bob's page, live
		Api.User carolUser = new Api.User(carol, api.token(carol, PASSWORD).json().path("token").asString());
		String carolsDm = api.openDm(carolUser, bob);
		api.postMessage(carolUser, carolsDm, "are you free later?");
		Locator bobsList = b.locator("#dm-list a.conversation");
		assertThat(bobsList).hasCount(1);
		assertThat(b.locator("#dm-list a[data-with='" + carol + "'] .unread-badge")).hasText("1");

		// alice finds bob among the people, online, and starts a conversation
		Page a = newUserPage();
		register(a, alice);
		Locator bobListed = a.locator("#people li[data-user='" + bob + "']");
		assertThat(bobListed).hasAttribute("data-online", "true");
		bobListed.locator("button.message-user").click();
		assertThat(a).hasURL(Pattern.compile("/rooms/dm--[0-9a-f]+$"));
		String dmPath = a.url().substring(a.url().indexOf("/rooms/"));
		assertThat(a.locator("#room-title")).hasText(bob);
		assertThat(a.locator("#dm-status")).hasText("online");
		assertThat(a.locator("#connection-state")).hasText("connected");

		// bob sees alice online
		assertThat(b.locator("#people li[data-user='" + alice + "']")).hasAttribute("data-online", "true");

		send(a, "hi " + bob + ", got a minute?");
		assertThat(a.locator("#messages .message .body")).hasText(new String[] { "hi " + bob + ", got a minute?" });

		// bob: the unread conversation with alice, at the top, with her online
		Locator fromAlice = b.locator("#dm-list a[data-with='" + alice + "']");
		assertThat(fromAlice.locator(".unread-badge")).hasText("1");
		assertThat(bobsList).hasCount(2);
		assertThat(bobsList.first()).hasAttribute("data-with", alice);
		assertThat(fromAlice).hasAttribute("data-online", "true");
		assertThat(b).hasTitle(Pattern.compile("^\\(2\\) "));
		screenshot(b, "home-unread-dm");

		// bob opens it and replies; alice sees him typing, then the reply
		fromAlice.click();
		assertThat(b).hasURL(Pattern.compile(dmPath + "$"));
		assertThat(b.locator("#messages .message .body")).hasText(new String[] { "hi " + bob + ", got a minute?" });
		assertThat(b.locator("#room-title")).hasText(alice);
		assertThat(b.locator("#dm-status")).hasText("online");
		b.locator("#message-input").pressSequentially("sure, ");
		assertThat(a.locator("#typing")).hasText(bob + " is typing…");
		b.locator("#message-input").pressSequentially("what's up?");
		b.locator("#message-input").press("Enter");
		assertThat(a.locator("#messages .message .body"))
			.hasText(new String[] { "hi " + bob + ", got a minute?", "sure, what's up?" });
		assertThat(a.locator("#typing")).hasText("");
		screenshot(a, "direct-conversation");

		// read: back home, alice's conversation has no badge any more, carol's still has
		b.navigate(base("/"));
		assertThat(b.locator("#dm-list a[data-with='" + carol + "'] .unread-badge")).hasText("1");
		assertThat(bobsList).hasCount(2);
		assertThat(fromAlice.locator(".unread-badge")).isHidden();
		assertThat(bobsList.first()).hasAttribute("data-with", alice);

		// carol sees neither the conversation nor its messages
		c.reload();
		assertThat(c.locator("#dm-list a.conversation")).hasCount(1);
		assertThat(c.locator("#dm-list a.conversation").first()).hasAttribute("data-with", bob);
		assertThat(c.locator("#room-list")).not().containsText(alice);
		c.navigate(base(dmPath));
		assertThat(c.locator("#problem-message")).containsText("not a member");
		assertThat(c.content()).doesNotContain("got a minute").doesNotContain("what's up");
	}

}
