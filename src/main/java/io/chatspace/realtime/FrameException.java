package io.chatspace.realtime;

import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

/** A client frame that could not be decoded; answered with an {@code error} frame. */
class FrameException extends ChatSpaceException {

	private final String ref;

	FrameException(ErrorCode code, String message, String ref) {
		super(code, message);
		this.ref = ref;
	}

	String ref() {
		return ref;
	}

}
