package io.chatspace.support.datasource;

import java.io.IOException;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Read-your-writes over an asynchronous replica: a request that changes something (any
 * method but GET, HEAD, OPTIONS) marks its user as a recent writer when it completes;
 * while a user is a recent writer, that user's requests read from the primary, so a room
 * just created or an account just registered is found on the next page even if the
 * replica lags.
 */
class ReadYourWrites extends OncePerRequestFilter {

	private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final ThreadLocal<Boolean> PINNED = new ThreadLocal<>();

	private final Cache<String, Boolean> recentWriters;

	ReadYourWrites(ReplicaProperties properties) {
		this.recentWriters = Caffeine.newBuilder()
			.expireAfterWrite(properties.readYourWrites())
			.maximumSize(1_000_000)
			.build();
	}

	/**
	 * @return whether the current thread's reads must go to the primary
	 */
	static boolean pinnedToPrimary() {
		return Boolean.TRUE.equals(PINNED.get());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String before = user();
		boolean pinned = before != null && recentWriters.getIfPresent(before) != null;
		PINNED.set(pinned);
		try {
			chain.doFilter(request, response);
		}
		finally {
			PINNED.remove();
			if (!SAFE.contains(request.getMethod())) {
				String after = user();
				if (after != null) {
					recentWriters.put(after, Boolean.TRUE);
				}
				if (before != null) {
					recentWriters.put(before, Boolean.TRUE);
				}
			}
		}
	}

	private static String user() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() ? null : authentication.getName();
	}

}
