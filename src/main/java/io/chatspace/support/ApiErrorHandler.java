package io.chatspace.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of a {@code @RestController} into the protocol's error body
 * {@code {"error":"<code>","message":"…"}} with the code's HTTP status. Unexpected
 * exceptions are logged and answered with {@code internal}, never with a stack trace.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

	@ExceptionHandler(ChatSpaceException.class)
	ResponseEntity<Map<String, Object>> chatSpace(ChatSpaceException ex) {
		if (ex.code() == ErrorCode.INTERNAL || ex.code() == ErrorCode.UNAVAILABLE) {
			log.warn("{}: {}", ex.code().code(), ex.getMessage(), ex.getCause());
		}
		return body(ex.code(), ex.getMessage(), ex.details());
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
			MethodArgumentTypeMismatchException.class, HttpMediaTypeNotSupportedException.class })
	ResponseEntity<Map<String, Object>> malformed(Exception ex) {
		return body(ErrorCode.BAD_REQUEST, "malformed request: expected a JSON body with the documented fields",
				Map.of());
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException ex) {
		return ResponseEntity.status(405)
			.body(Map.of("error", ErrorCode.BAD_REQUEST.code(), "message", "method not allowed"));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException ex) {
		return body(ErrorCode.NOT_FOUND, "no such resource", Map.of());
	}

	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<Map<String, Object>> storeDown(RuntimeException ex) {
		log.warn("store access failed: {}", ex.toString());
		return body(ErrorCode.UNAVAILABLE, "a store the server needs is unavailable; retry later", Map.of());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> unexpected(Exception ex) {
		log.error("unexpected failure of an API request", ex);
		return body(ErrorCode.INTERNAL, "internal error", Map.of());
	}

	private static ResponseEntity<Map<String, Object>> body(ErrorCode code, String message,
			Map<String, Object> details) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code.code());
		body.put("message", message);
		body.putAll(details);
		return ResponseEntity.status(code.httpStatus()).body(body);
	}

}
