package io.chatspace.bench;

import java.util.Locale;

/**
 * A reconnect storm: sockets dropped at once and resumed with {@code join} {@code after}.
 *
 * @param phase the deliveries of the whole run (before, during and after the storm)
 * @param dropped sockets dropped (publishers stay connected)
 * @param closeSeconds from the drop until every dropped socket was closed
 * @param resumedSeconds from the drop until the last dropped socket had its {@code joined}
 * @param caughtUpSeconds from the drop until every dropped socket held every message
 * acknowledged before the last one resumed
 * @param missing such messages that a dropped socket never got
 * @param resumeP50 drop to {@code joined} of one socket, median, seconds
 * @param resumeP99 the same, 99th percentile, seconds
 */
record StormResult(Result phase, int dropped, double closeSeconds, double resumedSeconds, double caughtUpSeconds,
		long missing, double resumeP50, double resumeP99) {

	String line() {
		return String.format(Locale.ROOT,
				"%-9s storm dropped=%d closed in %.2fs resumed (all joined) %.2fs caught up %.2fs resume p50=%.2fs p99=%.2fs missing=%d%n  %s",
				phase.target(), dropped, closeSeconds, resumedSeconds, caughtUpSeconds, resumeP50, resumeP99, missing,
				phase.line());
	}

}
