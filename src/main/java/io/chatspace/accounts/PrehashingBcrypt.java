package io.chatspace.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt for passwords of any length. bcrypt reads at most 72 bytes (Spring Security
 * refuses longer input), but the protocol allows 128 characters, up to 512 bytes of
 * UTF-8: a password longer than 72 bytes is first reduced to
 * {@code "sha256:" + base64(SHA-256)} (51 bytes, no NUL), the usual bcrypt pre-hash.
 * Passwords up to 72 bytes are hashed as they are, so existing hashes stay valid.
 */
final class PrehashingBcrypt implements PasswordEncoder {

	static final int BCRYPT_MAX_BYTES = 72;

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	@Override
	public String encode(CharSequence rawPassword) {
		return bcrypt.encode(fit(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return bcrypt.matches(fit(rawPassword), encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return bcrypt.upgradeEncoding(encodedPassword);
	}

	static CharSequence fit(CharSequence rawPassword) {
		if (rawPassword == null) {
			return null;
		}
		byte[] bytes = rawPassword.toString().getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= BCRYPT_MAX_BYTES) {
			return rawPassword;
		}
		try {
			return "sha256:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JDK", ex);
		}
	}

}
