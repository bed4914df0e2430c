package io.chatspace.presence.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.chatspace.support.redis.RedisSettings;

import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Sets of present members in Redis, each kept by several nodes at once: a <em>view</em>
 * (sorted set member → expiry) says who is present; behind each member a sorted set of
 * the nodes that hold it (node → expiry, renewed by that node's heartbeats). A member is
 * present while any node holds it and its hold has not expired. Every change of a view
 * happens in a Lua script, so exactly one caller sees (and reports) each {@link Flip}.
 * Expired holds (a node that died) are swept through a due index, a sorted set of (view,
 * member) → expiry. Times are Redis's own clock ({@code TIME}), so the nodes' clocks do
 * not matter.
 */
@Component
@Profile("redis")
class PresenceSets {

	private static final String SETTLE = """
			local function now_ms()
			  local t = redis.call('TIME')
			  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			end
			local function settle(due, view, member, now, flips)
			  local holders = view .. '#' .. member
			  local item = view .. '\\n' .. member
			  redis.call('ZREMRANGEBYSCORE', holders, '-inf', now)
			  local top = redis.call('ZRANGE', holders, -1, -1, 'WITHSCORES')
			  if top[2] then
			    local expiry = tonumber(top[2])
			    redis.call('PEXPIREAT', holders, expiry)
			    redis.call('ZADD', due, expiry, item)
			    if redis.call('ZADD', view, expiry, member) == 1 then
			      flips[#flips + 1] = view; flips[#flips + 1] = member; flips[#flips + 1] = '1'
			    end
			  else
			    redis.call('DEL', holders)
			    redis.call('ZREM', due, item)
			    if redis.call('ZREM', view, member) == 1 then
			      flips[#flips + 1] = view; flips[#flips + 1] = member; flips[#flips + 1] = '0'
			    end
			  end
			end
			""";

	// KEYS[1] due index; ARGV node, ttl (ms), then (view, member, 1 | 0) triples
	private static final RedisScript<List<String>> TOUCH = script(SETTLE + """
			local now = now_ms()
			local flips = {}
			for i = 3, #ARGV, 3 do
			  local holders = ARGV[i] .. '#' .. ARGV[i + 1]
			  if ARGV[i + 2] == '1' then
			    redis.call('ZADD', holders, now + tonumber(ARGV[2]), ARGV[1])
			  else
			    redis.call('ZREM', holders, ARGV[1])
			  end
			  settle(KEYS[1], ARGV[i], ARGV[i + 1], now, flips)
			end
			return flips""");

	// KEYS[1] due index; ARGV limit
	private static final RedisScript<List<String>> SWEEP = script(SETTLE + """
			local now = now_ms()
			local flips = {}
			local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
			for _, item in ipairs(items) do
			  local at = string.find(item, '\\n', 1, true)
			  settle(KEYS[1], string.sub(item, 1, at - 1), string.sub(item, at + 1), now, flips)
			end
			return flips""");

	/** At most this many (view, member) pairs per script call. */
	static final int BATCH = 200;

	private final StringRedisTemplate redis;

	private final RedisSettings settings;

	// this process's name as a holder; a restarted node is a new holder
	private final String node = UUID.randomUUID().toString();

	PresenceSets(StringRedisTemplate redis, RedisSettings settings) {
		this.redis = redis;
		this.settings = settings;
	}

	/** One member to hold ({@code present}) or let go of, in a view. */
	record Entry(String view, String member, boolean present) {
	}

	/** A member that appeared in or vanished from a view. */
	record Flip(String view, String member, boolean present) {
	}

	/**
	 * @param name a view's name ({@code online}, {@code room:<slug>})
	 * @return its key
	 */
	String view(String name) {
		return settings.key("presence:" + name);
	}

	/**
	 * @param viewKey a view's key
	 * @return its name
	 */
	String name(String viewKey) {
		return viewKey.substring(settings.key("presence:").length());
	}

	/**
	 * Holds or lets go of members for this node (a hold lasts {@code ttl} unless
	 * renewed).
	 * @return the members that appeared or vanished as a result
	 */
	List<Flip> touch(Collection<Entry> entries, Duration ttl) {
		List<Flip> flips = new ArrayList<>();
		List<Entry> all = List.copyOf(entries);
		for (int from = 0; from < all.size(); from += BATCH) {
			List<String> args = new ArrayList<>();
			args.add(node);
			args.add(Long.toString(ttl.toMillis()));
			for (Entry entry : all.subList(from, Math.min(all.size(), from + BATCH))) {
				args.add(entry.view());
				args.add(entry.member());
				args.add(entry.present() ? "1" : "0");
			}
			flips.addAll(flips(redis.execute(TOUCH, List.of(due()), args.toArray())));
		}
		return flips;
	}

	/**
	 * Lets go of expired holds (nodes that stopped renewing).
	 * @return the members that vanished
	 */
	List<Flip> sweep(int limit) {
		return flips(redis.execute(SWEEP, List.of(due()), Integer.toString(limit)));
	}

	/**
	 * @return the members of a view, sorted
	 */
	Set<String> members(String viewKey) {
		Set<String> members = redis.opsForZSet().range(viewKey, 0, -1);
		return members == null ? Set.of() : new TreeSet<>(members);
	}

	/**
	 * @return for each member asked about, whether it is in the view
	 */
	Map<String, Boolean> contains(String viewKey, List<String> members) {
		Map<String, Boolean> result = new HashMap<>();
		if (members.isEmpty()) {
			return result;
		}
		List<Double> scores = redis.opsForZSet().score(viewKey, members.toArray());
		for (int i = 0; i < members.size(); i++) {
			result.put(members.get(i), scores != null && scores.get(i) != null);
		}
		return result;
	}

	private String due() {
		return settings.key("presence-due");
	}

	private static List<Flip> flips(List<String> raw) {
		List<Flip> flips = new ArrayList<>();
		if (raw != null) {
			for (int i = 0; i + 2 < raw.size(); i += 3) {
				flips.add(new Flip(raw.get(i), raw.get(i + 1), "1".equals(raw.get(i + 2))));
			}
		}
		return flips;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RedisScript<List<String>> script(String source) {
		return (RedisScript) RedisScript.of(source, List.class);
	}

}
