package io.chatspace.inbox;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link InboxTest} with a late-commit window of 0 (one node): every message has settled
 * when it is counted, so each count is carried forward from the previous one (the kept
 * part grows, only the messages since are read).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatspace.rate-limit.enabled=false", "chatspace.inbox.late-commit-window=0s" })
class SettledUnreadCountsTest extends InboxTest {

}
