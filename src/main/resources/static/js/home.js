// The home page: direct conversations (most recent first) and rooms with live unread counts,
// and people with their online state. One WebSocket to /ws (docs/protocol.md): it asks for the
// server-wide presence (presence.watch) and receives the user's unread frames.
// User data is rendered with textContent only.
import { callApi, compareIds, openDirect, setBadge } from './common.js';

const PING_EVERY_MS = 25_000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 15_000;
const PEOPLE_LIMIT = 100;

const root = document.getElementById('home');
const me = root.dataset.username;

const el = {
	connection: document.getElementById('home-connection'),
	dms: document.getElementById('dm-list'),
	noDms: document.getElementById('no-dms'),
	rooms: document.getElementById('room-list'),
	roomCount: document.getElementById('room-count'),
	people: document.getElementById('people'),
	peopleError: document.getElementById('people-error'),
	filter: document.getElementById('people-filter'),
	onlineTotal: document.getElementById('online-total'),
};

/** slug → {slug, name, kind, with, unread, lastId} */
const conversations = new Map();
/** usernames online on the server (from presence.snapshot and presence frames) */
const online = new Set();
/** username → online flag from GET /api/users, used until the socket's snapshot arrives */
const people = new Map();
let watching = false;
let socket = null;
let attempt = 0;
let pingTimer = null;
let refCounter = 0;
const title = document.title;

// ---- conversations ----------------------------------------------------------------------------

function linkFor(slug) {
	for (const list of [el.dms, el.rooms]) {
		for (const link of list.querySelectorAll('a.conversation')) {
			if (link.dataset.slug === slug) return link;
		}
	}
	return null;
}

function createLink(conversation) {
	const link = document.createElement('a');
	link.href = `/rooms/${encodeURIComponent(conversation.slug)}`;
	link.className = 'list-group-item list-group-item-action d-flex align-items-center gap-2 conversation';
	link.dataset.slug = conversation.slug;
	link.dataset.kind = conversation.kind;
	if (conversation.kind === 'direct') {
		link.classList.add('dm-link');
		link.dataset.with = conversation.with ?? conversation.name;
		const dot = document.createElement('span');
		dot.className = 'presence-dot offline';
		dot.setAttribute('aria-hidden', 'true');
		const name = document.createElement('span');
		name.className = 'conversation-name text-truncate';
		name.textContent = conversation.with ?? conversation.name;
		link.append(dot, name);
	} else {
		link.classList.add('room-link');
		const label = document.createElement('span');
		const hash = document.createElement('span');
		hash.className = 'text-body-secondary';
		hash.textContent = '# ';
		const name = document.createElement('span');
		name.className = 'room-name conversation-name';
		name.textContent = conversation.name;
		label.append(hash, name);
		link.append(label);
		if (conversation.kind !== 'public') {
			const kind = document.createElement('span');
			kind.className = 'badge rounded-pill text-bg-light border';
			kind.textContent = conversation.kind;
			link.append(kind);
		}
	}
	const badge = document.createElement('span');
	badge.className = 'ms-auto badge rounded-pill text-bg-primary unread-badge';
	badge.hidden = true;
	link.append(badge);
	if (conversation.kind === 'direct') {
		el.dms.append(link);
	} else {
		document.getElementById('no-rooms')?.remove();
		el.rooms.append(link);
		sortRooms();
	}
	return link;
}

/** Shows a conversation as the server describes it (GET /api/rooms or an unread frame). */
function applyConversation(update) {
	if (!update?.slug) return;
	const conversation = { ...conversations.get(update.slug), ...update };
	conversations.set(update.slug, conversation);
	const link = linkFor(update.slug) ?? createLink(conversation);
	setBadge(link.querySelector('.unread-badge'), conversation.unread);
	link.classList.toggle('has-unread', conversation.unread > 0);
	if (conversation.kind === 'direct') {
		sortDirects();
	}
	refreshCounts();
}

function removeConversation(slug) {
	conversations.delete(slug);
	linkFor(slug)?.remove();
	refreshCounts();
}

/** Direct conversations: the one with the newest message first, then by name. */
function sortDirects() {
	const links = [...el.dms.querySelectorAll('a.conversation')];
	links.sort((a, b) => {
		const byRecency = compareIds(conversations.get(b.dataset.slug)?.lastId,
			conversations.get(a.dataset.slug)?.lastId);
		return byRecency !== 0 ? byRecency
			: a.dataset.with.localeCompare(b.dataset.with, undefined, { sensitivity: 'base' });
	});
	el.dms.append(...links);
	renderPresence();
}

function sortRooms() {
	const links = [...el.rooms.querySelectorAll('a.conversation')];
	const name = (link) => link.querySelector('.conversation-name')?.textContent ?? '';
	links.sort((a, b) => name(a).localeCompare(name(b), undefined, { sensitivity: 'base' }));
	el.rooms.append(...links);
}

function refreshCounts() {
	el.noDms.hidden = el.dms.querySelector('a.conversation') !== null;
	el.roomCount.textContent = String(el.rooms.querySelectorAll('a.conversation').length);
	let total = 0;
	for (const conversation of conversations.values()) total += conversation.unread ?? 0;
	document.title = total > 0 ? `(${total}) ${title}` : title;
}

async function loadConversations() {
	try {
		const { status, body } = await callApi('GET', '/api/rooms');
		if (status === 200 && Array.isArray(body)) {
			for (const conversation of body) applyConversation(conversation);
		}
	} catch {
		// the server-rendered lists stay; the socket brings changes
	}
}

// ---- people and presence ----------------------------------------------------------------------

function isOnline(user) {
	return watching ? online.has(user) : (people.get(user) ?? false);
}

function renderPresence() {
	for (const link of el.dms.querySelectorAll('a.dm-link')) {
		const up = isOnline(link.dataset.with);
		link.querySelector('.presence-dot')?.classList.toggle('offline', !up);
		link.dataset.online = String(up);
	}
	renderPeople();
}

function renderPeople() {
	const filter = el.filter.value.trim().toLowerCase();
	const names = new Set([...people.keys(), ...(watching ? online : [])]);
	const users = [...names]
		.filter((user) => user !== me && user.toLowerCase().startsWith(filter))
		.sort((a, b) => (isOnline(b) - isOnline(a)) || a.localeCompare(b, undefined, { sensitivity: 'base' }));
	const items = users.map((user) => {
		const item = document.createElement('li');
		item.className = 'list-group-item d-flex align-items-center gap-2 person';
		item.dataset.user = user;
		item.dataset.online = String(isOnline(user));
		const dot = document.createElement('span');
		dot.className = 'presence-dot';
		dot.classList.toggle('offline', !isOnline(user));
		dot.setAttribute('aria-hidden', 'true');
		const name = document.createElement('span');
		name.className = 'person-name text-truncate';
		name.textContent = user;
		const state = document.createElement('span');
		state.className = 'visually-hidden';
		state.textContent = isOnline(user) ? ' (online)' : ' (offline)';
		const button = document.createElement('button');
		button.type = 'button';
		button.className = 'btn btn-outline-primary btn-sm ms-auto message-user';
		button.textContent = 'Message';
		button.setAttribute('aria-label', `Message ${user}`);
		button.addEventListener('click', () => startDirect(user, button));
		item.append(dot, name, state, button);
		return item;
	});
	el.people.replaceChildren(...items);
	el.onlineTotal.textContent = String([...names].filter((user) => isOnline(user)).length);
}

async function startDirect(user, button) {
	button.disabled = true;
	try {
		const problem = await openDirect(user);
		if (problem) showPeopleError(problem);
	} catch {
		showPeopleError('The server cannot be reached. Try again in a moment.');
	} finally {
		button.disabled = false;
	}
}

function showPeopleError(text) {
	el.peopleError.textContent = text;
	el.peopleError.hidden = text === '';
}

async function loadPeople() {
	const q = el.filter.value.trim();
	try {
		const { status, body } = await callApi('GET',
			`/api/users?limit=${PEOPLE_LIMIT}&q=${encodeURIComponent(q)}`);
		if (status === 200 && Array.isArray(body?.users)) {
			for (const user of body.users) people.set(user.username, Boolean(user.online));
			showPeopleError('');
		} else if (status === 400) {
			showPeopleError(body?.message ?? 'That search does not work.');
		}
	} catch {
		showPeopleError('The list of people could not be loaded.');
	}
	renderPresence();
}

// ---- the socket -------------------------------------------------------------------------------

function connect() {
	setConnection('connecting', 'connecting…');
	const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
	const ws = new WebSocket(`${scheme}//${location.host}/ws`);
	socket = ws;
	ws.addEventListener('open', () => {
		attempt = 0;
		ws.send(JSON.stringify({ type: 'presence.watch', ref: `watch-${++refCounter}` }));
		clearInterval(pingTimer);
		pingTimer = setInterval(() => {
			if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'ping' }));
		}, PING_EVERY_MS);
		// what changed while the socket was away
		loadConversations();
	});
	ws.addEventListener('message', (event) => {
		if (ws !== socket) return;
		let frame;
		try {
			frame = JSON.parse(event.data);
		} catch {
			return;
		}
		handle(frame);
	});
	ws.addEventListener('close', () => {
		if (ws !== socket) return;
		socket = null;
		watching = false;
		clearInterval(pingTimer);
		const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(attempt++, 10))
			* (0.8 + Math.random() * 0.4);
		setConnection('reconnecting', 'reconnecting…');
		setTimeout(connect, delay);
	});
}

function handle(frame) {
	switch (frame.type) {
		case 'presence.snapshot':
			online.clear();
			for (const user of frame.online ?? []) online.add(user);
			watching = true;
			setConnection('live', 'live');
			renderPresence();
			break;
		case 'presence':
			if (frame.room === undefined) {
				for (const user of frame.joins ?? []) online.add(user);
				for (const user of frame.leaves ?? []) online.delete(user);
				renderPresence();
			}
			break;
		case 'unread':
			applyConversation({
				slug: frame.room, name: frame.name, kind: frame.kind, with: frame.with,
				unread: frame.unread, lastId: frame.lastId,
			});
			break;
		case 'left':
			if (frame.reason === 'removed') removeConversation(frame.room);
			break;
		default:
			// pong and frame types added later
	}
}

function setConnection(state, text) {
	el.connection.dataset.state = state;
	el.connection.textContent = text;
}

// ---- wiring -----------------------------------------------------------------------------------

let filterTimer = null;
el.filter.addEventListener('input', () => {
	renderPeople();
	clearTimeout(filterTimer);
	filterTimer = setTimeout(loadPeople, 250);
});

for (const link of el.dms.querySelectorAll('a.conversation')) {
	conversations.set(link.dataset.slug, { slug: link.dataset.slug, kind: 'direct', with: link.dataset.with });
}
loadConversations();
loadPeople();
connect();
