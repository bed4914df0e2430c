package io.chatspace.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The coalescing of server-wide presence, step by step on a made-up clock. */
class PresenceLedgerTest {

	private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

	private final PresenceLedger ledger = new PresenceLedger(Duration.ofSeconds(5));

	@Test
	void theChangesOfAnIntervalAreAnnouncedTogether() {
		ledger.connect("bob", "s1");
		ledger.connect("alice", "s2");
		ledger.connect("carol", "s3");
		assertThat(ledger.announced()).isEmpty();
		PresenceLedger.Changes changes = ledger.flush(T0);
		assertThat(changes.online()).containsExactly("alice", "bob", "carol");
		assertThat(changes.offline()).isEmpty();
		assertThat(ledger.announced()).containsExactly("alice", "bob", "carol");
		assertThat(ledger.flush(T0.plusSeconds(1)).isEmpty()).isTrue();
	}

	@Test
	void severalSocketsCountOnceAndTheLastOneClosingEndsTheGracePeriod() {
		ledger.connect("alice", "tab1");
		ledger.connect("alice", "tab2");
		ledger.flush(T0);
		ledger.disconnect("alice", "tab1", T0.plusSeconds(1));
		assertThat(ledger.flush(T0.plusSeconds(30)).isEmpty()).isTrue();
		assertThat(ledger.isAnnounced("alice")).isTrue();

		ledger.disconnect("alice", "tab2", T0.plusSeconds(31));
		// within the grace period: still online
		assertThat(ledger.flush(T0.plusSeconds(35)).isEmpty()).isTrue();
		assertThat(ledger.isAnnounced("alice")).isTrue();
		PresenceLedger.Changes changes = ledger.flush(T0.plusSeconds(36));
		assertThat(changes.offline()).containsExactly("alice");
		assertThat(ledger.isAnnounced("alice")).isFalse();
		// a socket closing twice changes nothing
		ledger.disconnect("alice", "tab2", T0.plusSeconds(37));
		assertThat(ledger.flush(T0.plusSeconds(60)).isEmpty()).isTrue();
	}

	@Test
	void flappingBetweenTabsIsNeverAnnounced() {
		ledger.connect("alice", "page1");
		ledger.flush(T0);
		for (int i = 1; i <= 20; i++) {
			Instant at = T0.plusMillis(200L * i);
			ledger.disconnect("alice", "page" + i, at);
			assertThat(ledger.flush(at.plusMillis(100)).isEmpty()).isTrue();
			ledger.connect("alice", "page" + (i + 1));
		}
		assertThat(ledger.flush(T0.plusSeconds(60)).isEmpty()).isTrue();
		assertThat(ledger.announced()).containsExactly("alice");
	}

	@Test
	void aVisitBetweenTwoFlushesIsNotAnnounced() {
		ledger.connect("dave", "s1");
		ledger.disconnect("dave", "s1", T0);
		assertThat(ledger.flush(T0.plusMillis(10)).isEmpty()).isTrue();
		assertThat(ledger.flush(T0.plusSeconds(10)).isEmpty()).isTrue();
		assertThat(ledger.announced()).isEmpty();
	}

	@Test
	void onlineAndOfflineInOneFlush() {
		ledger.connect("alice", "a");
		ledger.flush(T0);
		ledger.disconnect("alice", "a", T0);
		ledger.connect("bob", "b");
		PresenceLedger.Changes changes = ledger.flush(T0.plusSeconds(6));
		assertThat(changes.online()).isEqualTo(List.of("bob"));
		assertThat(changes.offline()).isEqualTo(List.of("alice"));
	}

}
