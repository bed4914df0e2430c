// The room page: one WebSocket to /ws carrying the ChatSpace protocol (docs/protocol.md).
// Message ids are decimal strings of 64-bit numbers: compared as BigInt, never as Number.
// User data is rendered with textContent only.
import { callApi, compareIds, setBadge, userButton } from './common.js';

const PAGE = 50;
const CATCH_UP_PAGE = 200;
const PING_EVERY_MS = 25_000;
const PONG_TIMEOUT_MS = 10_000;
const TYPING_SEND_EVERY_MS = 2_000;
const TYPING_SHOW_MS = 4_000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 15_000;
const READ_EVERY_MS = 500;

const root = document.getElementById('chat');
const room = root.dataset.room;
const me = root.dataset.username;
/** the other member of a direct room, or null */
const partner = root.dataset.with || null;

const el = {
	state: document.getElementById('connection-state'),
	scroller: document.getElementById('scroller'),
	messages: document.getElementById('messages'),
	outbox: document.getElementById('outbox'),
	empty: document.getElementById('empty-room'),
	loadOlder: document.getElementById('load-older'),
	form: document.getElementById('send-form'),
	input: document.getElementById('message-input'),
	send: document.getElementById('send-button'),
	error: document.getElementById('error'),
	typing: document.getElementById('typing'),
	online: document.getElementById('online'),
	onlineCount: document.getElementById('online-count'),
	onlineCountCompact: document.getElementById('online-count-compact'),
	rooms: document.getElementById('rooms'),
	directs: document.getElementById('directs'),
	dmPresence: document.getElementById('dm-presence'),
	dmStatus: document.getElementById('dm-status'),
};

// ---- state ----------------------------------------------------------------------------------

/** id (string) → rendered element, for de-duplication */
const rendered = new Map();
/** highest and lowest message id rendered (BigInt), or null */
let lastId = null;
let oldestId = null;
/** nonce → {body, nonce, ref, element}: sent (or to be sent) but not acknowledged */
const outbox = new Map();
/** usernames online in this room */
const online = new Set();
/** username → timer clearing their typing notice */
const typers = new Map();

let socket = null;
let joined = false;
let attempt = 0;
let reconnectTimer = null;
let countdownTimer = null;
let pingTimer = null;
let pongTimer = null;
let refCounter = 0;
let joinRef = null;
let historyRef = null;
let lastTypingSent = 0;
/** usernames online on the whole server (presence.watch) */
const serverOnline = new Set();
/** slug → the room as in GET /api/rooms, kept live by unread frames */
const conversations = new Map();
/** the highest id sent in a read frame (BigInt), or null */
let lastReadSent = null;
let readTimer = null;
let lastReadAt = 0;
/** set when the owner removed us from this room */
let removed = false;

const nextRef = (kind) => `${kind}-${++refCounter}`;

// ---- connection -----------------------------------------------------------------------------

function connect() {
	clearTimeout(reconnectTimer);
	clearInterval(countdownTimer);
	reconnectTimer = null;
	setState('connecting', 'connecting…');
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	const ws = new WebSocket(`${scheme}//${location.host}/ws`);
	socket = ws;
	let opened = false;

	ws.addEventListener('open', () => {
		opened = true;
		if (removed) {
			return;
		}
		joinRef = nextRef('join');
		const frame = { type: 'join', room, ref: joinRef };
		if (lastId !== null) {
			frame.after = lastId.toString();
		}
		transmit(frame);
		transmit({ type: 'presence.watch', ref: nextRef('watch') });
		startPing();
	});
	ws.addEventListener('message', (event) => {
		if (ws !== socket) {
			return;
		}
		let frame;
		try {
			frame = JSON.parse(event.data);
		} catch {
			return;
		}
		handle(frame);
	});
	// 'error' is always followed by 'close'; reconnecting happens there
	ws.addEventListener('close', () => dropped(ws, opened));
}

/** The socket is gone (or given up on): clean up and come back after a while. */
function dropped(ws, opened) {
	if (ws !== socket) {
		return;
	}
	socket = null;
	joined = false;
	stopPing();
	root.dataset.joined = 'false';
	bus('dropped', {});
	if (historyRef !== null) {
		historyRef = null;
		el.loadOlder.disabled = false;
	}
	if (opened) {
		scheduleReconnect();
	} else {
		// the handshake failed: maybe the session is gone or the room is no longer ours
		checkAccessThenReconnect();
	}
}

function scheduleReconnect() {
	if (reconnectTimer !== null) {
		return;
	}
	// 0.5 s doubling up to 15 s, each ±20 % so that clients dropped together do not return together
	const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(attempt, 10));
	const delay = Math.min(BACKOFF_MAX_MS, base * (0.8 + Math.random() * 0.4));
	attempt++;
	const due = Date.now() + delay;
	const showCountdown = () => {
		const seconds = Math.max(1, Math.round((due - Date.now()) / 1000));
		setState('reconnecting', `reconnecting in ${seconds}s…`);
	};
	showCountdown();
	countdownTimer = setInterval(showCountdown, 1000);
	reconnectTimer = setTimeout(connect, delay);
}

async function checkAccessThenReconnect() {
	try {
		const response = await fetch(`/api/rooms/${encodeURIComponent(room)}/messages?limit=1`, {
			credentials: 'same-origin',
			headers: { Accept: 'application/json' },
		});
		if (response.status === 401) {
			setState('signed-out', 'signed out');
			showError('Your session has ended. Reload the page to log in again.');
			return;
		}
		if (response.status === 403 || response.status === 404) {
			setState('closed', 'not available');
			showError('This room is no longer available to you.');
			return;
		}
	} catch {
		// the server is unreachable: keep trying
	}
	scheduleReconnect();
}

function startPing() {
	stopPing();
	pingTimer = setInterval(() => {
		if (!transmit({ type: 'ping', ref: nextRef('ping') })) {
			return;
		}
		// no pong in time: the connection is dead even if the browser has not noticed
		const ws = socket;
		clearTimeout(pongTimer);
		pongTimer = setTimeout(() => {
			ws.close(4000, 'no pong');
			dropped(ws, true);
		}, PONG_TIMEOUT_MS);
	}, PING_EVERY_MS);
}

function stopPing() {
	clearInterval(pingTimer);
	clearTimeout(pongTimer);
}

/** Sends a frame if the socket is open; returns whether it was sent. */
function transmit(frame) {
	if (!socket || socket.readyState !== WebSocket.OPEN) {
		return false;
	}
	socket.send(JSON.stringify(frame));
	return true;
}

function setState(state, text) {
	el.state.dataset.state = state;
	el.state.textContent = text;
	el.state.classList.remove('text-bg-secondary', 'text-bg-success', 'text-bg-warning', 'text-bg-danger');
	el.state.classList.add({
		connected: 'text-bg-success',
		reconnecting: 'text-bg-warning',
		'signed-out': 'text-bg-danger',
		closed: 'text-bg-danger',
	}[state] ?? 'text-bg-secondary');
}

// ---- frames from the server -----------------------------------------------------------------

function handle(frame) {
	switch (frame.type) {
		case 'joined':
			if (frame.room === room) {
				onJoined(frame);
			}
			break;
		case 'message':
			if (frame.room === room && frame.message) {
				addMessages([frame.message], { live: true });
			}
			break;
		case 'ack':
			onAck(frame);
			break;
		case 'history':
			if (frame.room === room) {
				onHistory(frame);
			}
			break;
		case 'presence':
			if (frame.room === room) {
				for (const user of frame.joins ?? []) online.add(user);
				for (const user of frame.leaves ?? []) online.delete(user);
				renderOnline();
				bus('presence', frame);
			} else if (frame.room === undefined) {
				// the server-wide form (presence.watch)
				for (const user of frame.joins ?? []) serverOnline.add(user);
				for (const user of frame.leaves ?? []) serverOnline.delete(user);
				renderServerPresence();
			}
			break;
		case 'presence.snapshot':
			serverOnline.clear();
			for (const user of frame.online ?? []) serverOnline.add(user);
			renderServerPresence();
			break;
		case 'unread':
			applyConversation({
				slug: frame.room, name: frame.name, kind: frame.kind, with: frame.with,
				unread: frame.unread, lastId: frame.lastId,
			});
			break;
		case 'left':
			if (!frame.ref && frame.reason === 'removed') {
				onRemoved(frame.room);
			}
			break;
		case 'typing':
			if (frame.room === room && frame.user && frame.user !== me) {
				showTyping(frame.user);
			}
			break;
		case 'pong':
			clearTimeout(pongTimer);
			break;
		case 'error':
			if ((frame.ref ?? '').startsWith('doc-')) {
				bus('frame', frame);
			} else {
				onError(frame);
			}
			break;
		default:
			if ((frame.type ?? '').startsWith('doc.')) {
				bus('frame', frame);
			}
			// other frame types added later are ignored
	}
}

/** The shared document (editor.js) rides on this socket: frames and state go over window events. */
function bus(name, detail) {
	window.dispatchEvent(new CustomEvent(`chatspace:${name}`, { detail }));
}

window.addEventListener('chatspace:send', (event) => transmit(event.detail));
document.addEventListener('visibilitychange', scheduleRead);
// leaving the page: what was seen is read, even if the throttled read is not due yet
window.addEventListener('pagehide', () => {
	if (readTimer !== null) {
		sendRead();
	}
});

function onJoined(frame) {
	const firstJoin = lastId === null && rendered.size === 0;
	joined = true;
	attempt = 0;
	setState('connected', 'connected');
	clearError();
	online.clear();
	for (const user of frame.online ?? []) online.add(user);
	renderOnline();

	const messages = frame.messages ?? [];
	addMessages(messages, { live: false });
	if (firstJoin) {
		scrollToBottom();
		if (messages.length > 0) {
			probeOlder();
		}
	}
	if (frame.more && messages.length > 0) {
		catchUp(messages[messages.length - 1].id);
	}
	el.empty.hidden = rendered.size > 0;
	flushOutbox();
	root.dataset.joined = 'true';
	bus('joined', { room });
	scheduleRead();
}

/** After a long absence: fetch what the join did not carry, page by page, over HTTP. */
async function catchUp(afterId) {
	let cursor = afterId;
	for (;;) {
		let page;
		try {
			const response = await fetch(
				`/api/rooms/${encodeURIComponent(room)}/messages?after=${cursor}&limit=${CATCH_UP_PAGE}`,
				{ credentials: 'same-origin', headers: { Accept: 'application/json' } });
			if (!response.ok) {
				throw new Error(`HTTP ${response.status}`);
			}
			page = (await response.json()).messages ?? [];
		} catch (err) {
			showError('Could not load all missed messages. Reload the page to see them.');
			return;
		}
		addMessages(page, { live: false });
		if (page.length < CATCH_UP_PAGE) {
			return;
		}
		cursor = page[page.length - 1].id;
	}
}

/** Shows "Load older" only when the room has messages older than the oldest shown. */
async function probeOlder() {
	if (oldestId === null) {
		return;
	}
	try {
		const response = await fetch(
			`/api/rooms/${encodeURIComponent(room)}/messages?before=${oldestId}&limit=1`,
			{ credentials: 'same-origin', headers: { Accept: 'application/json' } });
		if (response.ok) {
			const page = (await response.json()).messages ?? [];
			el.loadOlder.hidden = page.length === 0;
		}
	} catch {
		el.loadOlder.hidden = false;
	}
}

function onHistory(frame) {
	if (frame.ref !== historyRef) {
		return;
	}
	historyRef = null;
	el.loadOlder.disabled = false;
	const messages = frame.messages ?? [];
	// keep the view where it was while older messages are added above it
	const fromBottom = el.scroller.scrollHeight - el.scroller.scrollTop;
	addMessages(messages, { live: false });
	el.scroller.scrollTop = el.scroller.scrollHeight - fromBottom;
	if (!frame.more || messages.length === 0) {
		el.loadOlder.hidden = true;
	}
}

function onAck(frame) {
	const entry = outboxByRef(frame.ref);
	if (!entry) {
		return;
	}
	outbox.delete(entry.nonce);
	if (rendered.has(frame.id)) {
		entry.element.remove();
	} else {
		// the message event removes it (addMessages); it normally follows at once
		entry.element.dataset.ackedId = frame.id;
		setTimeout(() => entry.element.remove(), 10_000);
	}
}

function onError(frame) {
	const entry = outboxByRef(frame.ref);
	if (entry) {
		// not accepted: give the text back so nothing typed is lost
		outbox.delete(entry.nonce);
		entry.element.remove();
		if (el.input.value.trim() === '') {
			el.input.value = entry.body;
			autosize();
		}
		showError(describe(frame));
		return;
	}
	if (frame.ref && frame.ref === joinRef) {
		if (frame.code === 'unavailable' || frame.code === 'internal') {
			showError(describe(frame));
			socket?.close(4001, 'join failed');
		} else {
			setState('closed', 'not available');
			showError(describe(frame));
		}
		return;
	}
	if (frame.ref && frame.ref === historyRef) {
		historyRef = null;
		el.loadOlder.disabled = false;
	}
	if (frame.message) {
		showError(describe(frame));
	}
}

function describe(frame) {
	const known = {
		rate_limited: 'You are sending too fast. Wait a moment and try again.',
		too_large: 'That message is too long (at most 4000 characters).',
		unavailable: 'The server cannot store messages right now. Try again shortly.',
	};
	return known[frame.code] ?? frame.message ?? frame.code ?? 'Something went wrong.';
}

// ---- messages -------------------------------------------------------------------------------

/** Adds messages not shown yet, each in id order; keeps the view at the bottom if it was there. */
function addMessages(messages, { live }) {
	const stick = isNearBottom();
	let added = false;
	for (const message of messages) {
		if (!message || typeof message.id !== 'string' || rendered.has(message.id)) {
			continue;
		}
		const id = BigInt(message.id);
		const item = renderMessage(message);
		insertInOrder(item, id);
		rendered.set(message.id, item);
		if (lastId === null || id > lastId) lastId = id;
		if (oldestId === null || id < oldestId) oldestId = id;
		added = true;
		clearTyping(message.author);
		removeAckedPlaceholder(message.id);
	}
	if (added) {
		scheduleRead();
		el.empty.hidden = true;
		if (stick || (live && messages.some((m) => m.author === me))) {
			scrollToBottom();
		}
	}
}

function removeAckedPlaceholder(id) {
	for (const item of el.outbox.querySelectorAll('[data-acked-id]')) {
		if (item.dataset.ackedId === id) item.remove();
	}
}

function insertInOrder(item, id) {
	// live messages almost always belong at the end: search from there
	let next = null;
	for (let node = el.messages.lastElementChild; node; node = node.previousElementSibling) {
		if (BigInt(node.dataset.id) < id) {
			break;
		}
		next = node;
	}
	el.messages.insertBefore(item, next);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

function renderMessage(message) {
	const item = document.createElement('li');
	item.className = 'message';
	if (message.author === me) item.classList.add('mine');
	item.dataset.id = message.id;

	const meta = document.createElement('div');
	meta.className = 'meta';
	// another user's name opens a direct conversation with them
	let author;
	if (message.author === me) {
		author = document.createElement('span');
		author.className = 'author';
		author.textContent = message.author;
	} else {
		author = userButton(message.author, 'author user-link', showError);
	}
	const time = document.createElement('time');
	time.className = 'time';
	const sent = new Date(message.sentAt);
	if (!Number.isNaN(sent.getTime())) {
		time.dateTime = message.sentAt;
		const today = sent.toDateString() === new Date().toDateString();
		time.textContent = (today ? timeFormat : dateTimeFormat).format(sent);
		time.title = fullFormat.format(sent);
	}
	meta.append(author, time);

	const body = document.createElement('div');
	body.className = 'body';
	body.textContent = message.body;

	item.append(meta, body);
	return item;
}

// ---- sending --------------------------------------------------------------------------------

function submit() {
	const body = el.input.value.trim();
	if (body === '') {
		return;
	}
	clearError();
	const nonce = crypto.randomUUID();
	const entry = { body, nonce, ref: `send-${nonce}`, element: renderPending(body) };
	outbox.set(nonce, entry);
	el.input.value = '';
	autosize();
	scrollToBottom();
	if (joined) {
		transmitSend(entry);
	}
	// otherwise it goes out after the next join (flushOutbox)
}

function transmitSend(entry) {
	transmit({ type: 'send', room, body: entry.body, nonce: entry.nonce, ref: entry.ref });
}

/** Sends again, with the same nonces, whatever was not acknowledged: the server de-duplicates. */
function flushOutbox() {
	for (const entry of outbox.values()) {
		transmitSend(entry);
	}
}

function outboxByRef(ref) {
	if (typeof ref !== 'string' || !ref.startsWith('send-')) {
		return null;
	}
	return outbox.get(ref.slice('send-'.length)) ?? null;
}

function renderPending(body) {
	const item = document.createElement('li');
	item.className = 'pending';
	const meta = document.createElement('div');
	meta.className = 'meta';
	const author = document.createElement('span');
	author.className = 'author';
	author.textContent = me;
	const status = document.createElement('span');
	status.className = 'status';
	status.textContent = 'sending…';
	meta.append(author, status);
	const text = document.createElement('div');
	text.className = 'body';
	text.textContent = body;
	item.append(meta, text);
	el.outbox.append(item);
	return item;
}

// ---- typing ---------------------------------------------------------------------------------

function userIsTyping() {
	const now = Date.now();
	if (!joined || el.input.value.trim() === '' || now - lastTypingSent < TYPING_SEND_EVERY_MS) {
		return;
	}
	lastTypingSent = now;
	transmit({ type: 'typing', room });
}

function showTyping(user) {
	clearTimeout(typers.get(user));
	typers.set(user, setTimeout(() => clearTyping(user), TYPING_SHOW_MS));
	renderTyping();
}

function clearTyping(user) {
	if (!typers.has(user)) {
		return;
	}
	clearTimeout(typers.get(user));
	typers.delete(user);
	renderTyping();
}

function renderTyping() {
	const users = [...typers.keys()];
	if (users.length === 0) {
		el.typing.textContent = '';
	} else if (users.length === 1) {
		el.typing.textContent = `${users[0]} is typing…`;
	} else if (users.length <= 3) {
		el.typing.textContent = `${users.slice(0, -1).join(', ')} and ${users.at(-1)} are typing…`;
	} else {
		el.typing.textContent = 'Several people are typing…';
	}
}

// ---- online list, rooms, errors, scrolling --------------------------------------------------

function renderOnline() {
	const users = [...online].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
	const items = users.map((user) => {
		const item = document.createElement('li');
		item.className = 'online-user';
		item.dataset.user = user;
		const dot = document.createElement('span');
		dot.className = 'presence-dot';
		dot.setAttribute('aria-hidden', 'true');
		const name = user === me ? document.createElement('span') : userButton(user, 'user-link', showError);
		name.textContent = user;
		item.append(dot, name);
		if (user === me) {
			const you = document.createElement('span');
			you.className = 'text-body-secondary small';
			you.textContent = ' (you)';
			item.append(you);
		}
		return item;
	});
	el.online.replaceChildren(...items);
	el.onlineCount.textContent = String(users.length);
	el.onlineCountCompact.textContent = String(users.length);
}

async function loadRoomList() {
	try {
		const { status, body } = await callApi('GET', '/api/rooms');
		if (status !== 200 || !Array.isArray(body)) {
			return;
		}
		el.rooms.replaceChildren();
		el.directs.replaceChildren();
		for (const conversation of body) applyConversation(conversation);
	} catch {
		// the server-rendered entry for this room stays
	}
}

/** Shows a room of the sidebar as the server describes it (GET /api/rooms or an unread frame). */
function applyConversation(update) {
	if (!update?.slug) {
		return;
	}
	const conversation = { ...conversations.get(update.slug), ...update };
	conversations.set(update.slug, conversation);
	const list = conversation.kind === 'direct' ? el.directs : el.rooms;
	let link = [...list.querySelectorAll('a')].find((a) => a.dataset.slug === conversation.slug);
	if (!link) {
		link = sidebarLink(conversation);
		list.append(link);
	}
	// the room on screen is being read: no badge for it
	setBadge(link.querySelector('.unread-badge'), conversation.slug === room ? 0 : conversation.unread);
	sortSidebar();
}

function sidebarLink(conversation) {
	const link = document.createElement('a');
	link.className = 'list-group-item list-group-item-action d-flex align-items-center gap-1 sidebar-room';
	link.href = `/rooms/${encodeURIComponent(conversation.slug)}`;
	link.dataset.slug = conversation.slug;
	const name = document.createElement('span');
	name.className = 'text-truncate conversation-name';
	if (conversation.kind === 'direct') {
		link.dataset.with = conversation.with ?? conversation.name;
		const dot = document.createElement('span');
		dot.className = 'presence-dot offline';
		dot.setAttribute('aria-hidden', 'true');
		link.append(dot);
		name.textContent = conversation.with ?? conversation.name;
	} else {
		name.textContent = `# ${conversation.name}`;
	}
	link.append(name);
	if (conversation.kind === 'private') {
		const badge = document.createElement('span');
		badge.className = 'badge rounded-pill text-bg-light border ms-1';
		badge.textContent = conversation.kind;
		link.append(badge);
	}
	const unread = document.createElement('span');
	unread.className = 'ms-auto badge rounded-pill text-bg-primary unread-badge';
	unread.hidden = true;
	link.append(unread);
	if (conversation.slug === room) {
		link.classList.add('active');
		link.setAttribute('aria-current', 'page');
	}
	return link;
}

/** Rooms by name; direct conversations with the newest message first. */
function sortSidebar() {
	const byName = (a, b) => (conversations.get(a.dataset.slug)?.name ?? '')
		.localeCompare(conversations.get(b.dataset.slug)?.name ?? '', undefined, { sensitivity: 'base' });
	el.rooms.append(...[...el.rooms.querySelectorAll('a')].sort(byName));
	el.directs.append(...[...el.directs.querySelectorAll('a')].sort((a, b) =>
		compareIds(conversations.get(b.dataset.slug)?.lastId, conversations.get(a.dataset.slug)?.lastId)
		|| byName(a, b)));
	renderServerPresence();
}

/** Online dots of direct conversations: the header's and the sidebar's. */
function renderServerPresence() {
	for (const link of el.directs.querySelectorAll('a[data-with]')) {
		link.querySelector('.presence-dot')?.classList.toggle('offline', !serverOnline.has(link.dataset.with));
	}
	if (partner && el.dmPresence) {
		const up = serverOnline.has(partner);
		el.dmPresence.classList.toggle('offline', !up);
		el.dmStatus.textContent = up ? 'online' : 'offline';
		el.dmStatus.dataset.state = up ? 'online' : 'offline';
	}
}

// ---- read markers, removal ------------------------------------------------------------------

/**
 * Tells the server what has been seen on a visible page: at once, then at most once per
 * READ_EVERY_MS (a pending read takes the newest id when it goes out).
 */
function scheduleRead() {
	if (readTimer !== null) {
		return;
	}
	readTimer = setTimeout(sendRead, Math.max(0, lastReadAt + READ_EVERY_MS - Date.now()));
}

function sendRead() {
	clearTimeout(readTimer);
	readTimer = null;
	if (!joined || lastId === null || document.visibilityState !== 'visible') {
		return;
	}
	if (lastReadSent !== null && lastId <= lastReadSent) {
		return;
	}
	if (transmit({ type: 'read', room, id: lastId.toString() })) {
		lastReadSent = lastId;
		lastReadAt = Date.now();
	}
}

/** The owner removed us: the server has ended the subscription; nothing more comes. */
function onRemoved(slug) {
	const link = [...el.rooms.querySelectorAll('a'), ...el.directs.querySelectorAll('a')]
		.find((a) => a.dataset.slug === slug);
	conversations.delete(slug);
	if (slug !== room) {
		link?.remove();
		return;
	}
	removed = true;
	joined = false;
	root.dataset.joined = 'false';
	online.clear();
	renderOnline();
	setState('closed', 'removed');
	showError('You were removed from this room.');
	el.input.disabled = true;
	el.send.disabled = true;
	bus('removed', { room });
}

function showError(text) {
	el.error.textContent = text;
}

function clearError() {
	el.error.textContent = '';
}

function isNearBottom() {
	return el.scroller.scrollHeight - el.scroller.scrollTop - el.scroller.clientHeight < 80;
}

function scrollToBottom() {
	el.scroller.scrollTop = el.scroller.scrollHeight;
}

function autosize() {
	el.input.style.height = 'auto';
	el.input.style.height = `${Math.min(el.input.scrollHeight + 2, 200)}px`;
}

// ---- wiring ---------------------------------------------------------------------------------

el.form.addEventListener('submit', (event) => {
	event.preventDefault();
	submit();
	el.input.focus();
});
el.input.addEventListener('keydown', (event) => {
	if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
		event.preventDefault();
		submit();
	}
});
el.input.addEventListener('input', () => {
	autosize();
	userIsTyping();
});
el.loadOlder.addEventListener('click', () => {
	if (historyRef !== null || oldestId === null) {
		return;
	}
	historyRef = nextRef('history');
	if (transmit({ type: 'history', room, before: oldestId.toString(), limit: PAGE, ref: historyRef })) {
		el.loadOlder.disabled = true;
	} else {
		historyRef = null;
	}
});
// back online: do not wait out the backoff
window.addEventListener('online', () => {
	if (reconnectTimer !== null) {
		connect();
	}
});

loadRoomList();
connect();
el.input.focus();
