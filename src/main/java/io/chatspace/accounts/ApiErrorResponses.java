package io.chatspace.accounts;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.chatspace.support.ErrorCode;

import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** JSON error bodies written by the security filters, in the protocol's error format. */
final class ApiErrorResponses {

	private ApiErrorResponses() {
	}

	static AuthenticationEntryPoint unauthorized() {
		return (request, response, ex) -> write(response, ErrorCode.UNAUTHORIZED, "authentication required");
	}

	static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(response, ErrorCode.FORBIDDEN,
				"forbidden (a cookie-authenticated request needs a valid CSRF token)");
	}

	static boolean hasBearerCredentials(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
		response.setStatus(code.httpStatus());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		// the messages are fixed strings without quotes or backslashes
		response.getWriter().write("{\"error\":\"" + code.code() + "\",\"message\":\"" + message + "\"}");
	}

}
