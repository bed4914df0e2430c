package io.chatspace.presence;

import java.util.List;

/**
 * Users who came online or went offline since the last announcement (server-wide, not per
 * room). Published at most once per {@code chatspace.presence.flush-interval}, never
 * empty.
 *
 * @param online users who came online, sorted
 * @param offline users who went offline, sorted
 */
public record PresenceChanged(List<String> online, List<String> offline) {
}
