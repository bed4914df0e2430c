package io.chatspace.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * An error that reaches the container's error page ({@code /error}) for a path of the
 * HTTP API or the WebSocket handshake (an unknown {@code /api/…} path, a method not
 * allowed, a failure in a filter) is answered with the protocol's body
 * {@code {"error":"<code>","message":"…"}} too, not Spring Boot's default one. Other
 * paths (the pages) keep the default.
 */
@Component
class ApiErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		if (!(attributes.get("path") instanceof String path) || !(path.startsWith("/api/") || path.equals("/ws"))) {
			return attributes;
		}
		int status = attributes.get("status") instanceof Integer s ? s : 500;
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code(status).code());
		HttpStatus known = HttpStatus.resolve(status);
		body.put("message", status == 404 ? "no such resource"
				: known != null && status < 500 ? known.getReasonPhrase().toLowerCase() : "internal error");
		return body;
	}

	private static ErrorCode code(int status) {
		return switch (status) {
			case 400 -> ErrorCode.BAD_REQUEST;
			case 401 -> ErrorCode.UNAUTHORIZED;
			case 403 -> ErrorCode.FORBIDDEN;
			case 404 -> ErrorCode.NOT_FOUND;
			case 409 -> ErrorCode.CONFLICT;
			case 413 -> ErrorCode.TOO_LARGE;
			case 429 -> ErrorCode.RATE_LIMITED;
			case 503 -> ErrorCode.UNAVAILABLE;
			default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
		};
	}

}
