package io.chatspace.accounts;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** Counts a failed form login against the throttle and returns to the login page. */
class ThrottledLoginFailureHandler implements AuthenticationFailureHandler {

	private final LoginThrottle throttle;

	ThrottledLoginFailureHandler(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String username = request.getParameter("username");
		String address = SecurityConfiguration.clientAddress(request);
		throttle.recordFailure(username, address);
		boolean blocked = throttle.isBlocked(username, address);
		response.sendRedirect(request.getContextPath() + (blocked ? "/login?throttled" : "/login?error"));
	}

}
