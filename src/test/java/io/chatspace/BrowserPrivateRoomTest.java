package io.chatspace;

import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import io.chatspace.support.BrowserTestSupport;

import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A private room in the browser: its owner adds a member on the room page, the room
 * appears on the member's home page at once, and when the owner removes the member their
 * open page is told and receives nothing more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserPrivateRoomTest extends BrowserTestSupport {

	@Test
	void theOwnerAddsAndRemovesAMember() {
		String olga = unique("olga");
		String mike = unique("mike");
		String roomName = unique("Council");

		Page m = newUserPage();
		register(m, mike);
		assertThat(m.locator("#home-connection")).hasText("live");

		Page o = newUserPage();
		register(o, olga);
		o.locator("#room-name").fill(roomName);
		o.locator("#kind-private").check();
		o.locator("#create-room-button").click();
		assertThat(o).hasURL(Pattern.compile("/rooms/" + roomName.toLowerCase() + "$"));
		assertThat(o.locator("#connection-state")).hasText("connected");
		assertThat(o.locator("#members li")).hasCount(1);
		assertThat(o.locator("#members li[data-user='" + olga + "']")).containsText("owner");

		// the owner adds mike: the room shows up on his home page without a reload
		o.locator("#member-name").fill(mike);
		o.locator("#add-member-button").click();
		assertThat(o.locator("#members li[data-user='" + mike + "'] .remove-member")).isVisible();
		Locator listed = m.locator("#room-list a[data-slug='" + roomName.toLowerCase() + "']");
		assertThat(listed).containsText(roomName);
		listed.click();
		assertThat(m.locator("#connection-state")).hasText("connected");
		// members see the list but cannot change it
		assertThat(m.locator("#members li")).hasCount(2);
		assertThat(m.locator("#add-member-form")).hasCount(0);

		send(o, "welcome, " + mike);
		assertThat(m.locator("#messages .message .body")).hasText(new String[] { "welcome, " + mike });

		// removed: told at once, nothing more arrives
		o.locator("#members li[data-user='" + mike + "'] .remove-member").click();
		assertThat(o.locator("#members li")).hasCount(1);
		assertThat(m.locator("#error")).hasText("You were removed from this room.");
		assertThat(m.locator("#connection-state")).hasText("removed");
		assertThat(m.locator("#message-input")).isDisabled();
		send(o, "mike is gone");
		assertThat(o.locator("#messages .message .body")).hasText(new String[] { "welcome, " + mike, "mike is gone" });
		m.waitForTimeout(500);
		assertThat(m.locator("#messages .message .body")).hasText(new String[] { "welcome, " + mike });
		screenshot(m, "removed-member");
	}

}
