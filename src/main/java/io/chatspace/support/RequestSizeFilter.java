package io.chatspace.support;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an HTTP API request body over 64 KiB (the protocol's frame limit) with
 * {@code 413 too_large} before anything reads it. A body without a {@code Content-Length}
 * (chunked) is read here up to the limit, so it cannot get past it either. The rest of a
 * refused body is read and dropped (up to {@value #MAX_DISCARDED} bytes) before the
 * answer, so that a client still sending it reads the 413 instead of a reset connection;
 * beyond that, the connection is closed after the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeFilter extends OncePerRequestFilter {

	static final long MAX_BODY = 64 * 1024;

	static final long MAX_DISCARDED = 2 * 1024 * 1024;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BODY) {
			if (request.getContentLengthLong() <= MAX_DISCARDED) {
				discard(request);
			}
			tooLarge(response);
			return;
		}
		if (request.getContentLengthLong() == -1 && request.getHeader("Transfer-Encoding") != null) {
			byte[] body = request.getInputStream().readNBytes((int) MAX_BODY + 1);
			if (body.length > MAX_BODY) {
				discard(request);
				tooLarge(response);
				return;
			}
			request = new BufferedBody(request, body);
		}
		chain.doFilter(request, response);
	}

	private static void discard(HttpServletRequest request) throws IOException {
		byte[] buffer = new byte[8192];
		long read = 0;
		var in = request.getInputStream();
		int n;
		while (read <= MAX_DISCARDED && (n = in.read(buffer)) != -1) {
			read += n;
		}
	}

	private static void tooLarge(HttpServletResponse response) throws IOException {
		response.setStatus(ErrorCode.TOO_LARGE.httpStatus());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write("{\"error\":\"" + ErrorCode.TOO_LARGE.code() + "\",\"message\":\"request body over " + MAX_BODY
					+ " bytes\"}");
	}

	/** A request whose (chunked) body was already read into memory. */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body is already read");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

}
