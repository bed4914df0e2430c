// Helpers shared by the pages' scripts: the API with the page's CSRF token, direct
// conversations, unread badges, message ids (decimal strings of 64-bit numbers: BigInt).

/** The CSRF token of the page (for cookie-authenticated state-changing requests). */
export function csrfToken() {
	return document.querySelector('meta[name="_csrf"]')?.content ?? '';
}

/**
 * Calls the HTTP API with the session cookie. Resolves to {status, body} (body parsed when JSON,
 * else null); rejects only when the server cannot be reached.
 */
export async function callApi(method, path, body) {
	const headers = { Accept: 'application/json' };
	const options = { method, credentials: 'same-origin', headers };
	if (method !== 'GET') {
		headers['X-CSRF-TOKEN'] = csrfToken();
	}
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
		options.body = JSON.stringify(body);
	}
	const response = await fetch(path, options);
	let parsed = null;
	if ((response.headers.get('Content-Type') ?? '').includes('json')) {
		try {
			parsed = await response.json();
		} catch {
			parsed = null;
		}
	}
	return { status: response.status, body: parsed };
}

/** Opens (or finds) the direct conversation with a user and goes there. */
export async function openDirect(user) {
	const { status, body } = await callApi('POST', '/api/dms', { user });
	if (status === 200 && body?.slug) {
		location.assign(`/rooms/${encodeURIComponent(body.slug)}`);
		return null;
	}
	return body?.message ?? `Could not open a conversation with ${user}.`;
}

/** The text of an unread badge: '' for none, '999+' at the server's cap. */
export function unreadLabel(count) {
	if (!count) return '';
	return count >= 1000 ? '999+' : String(count);
}

/** Shows a count on a badge element (hidden when there is nothing unread). */
export function setBadge(badge, count) {
	if (!badge) return;
	const label = unreadLabel(count);
	badge.textContent = label;
	badge.hidden = label === '';
	badge.setAttribute('aria-label', label === '' ? '' : `${label} unread`);
}

/** Compares two message ids (decimal strings, or null for "none": oldest). */
export function compareIds(a, b) {
	const x = a ? BigInt(a) : -1n;
	const y = b ? BigInt(b) : -1n;
	return x < y ? -1 : x > y ? 1 : 0;
}

/** A button that shows a user's name and opens a direct conversation with them. */
export function userButton(user, className, onError) {
	const button = document.createElement('button');
	button.type = 'button';
	button.className = className;
	button.textContent = user;
	button.dataset.user = user;
	button.title = `Message ${user}`;
	button.addEventListener('click', async () => {
		button.disabled = true;
		try {
			const problem = await openDirect(user);
			if (problem) onError?.(problem);
		} catch {
			onError?.('The server cannot be reached. Try again in a moment.');
		} finally {
			button.disabled = false;
		}
	});
	return button;
}
