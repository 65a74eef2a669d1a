// ORM Capital Calculator — operations dashboard. Plain ES module, no dependencies.
// Every value from the service is put into the page as text (never as HTML).

const API = '/api/v1';
const TOKEN_KEY = 'ormcalc.token';
const STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'];
const MODELS = ['sma', 'bia', 'tsa', 'asa', 'lda'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const PAGE_SIZE = 50;

const state = { settings: null, session: null, statistics: null, view: null };

// ---- small DOM helpers ------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const $ = (selector, root = document) => root.querySelector(selector);
const main = () => $('#main');

function flash(message, error = false) {
  const box = $('#flash');
  box.textContent = message;
  box.className = error ? 'error' : '';
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => { box.textContent = ''; }, 8000);
}

const fmt = {
  int: (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US')),
  money: (s) => (s === null || s === undefined ? '—' : formatDecimal(String(s))),
  time: (iso) => (iso ? new Date(iso).toLocaleString('en-GB', { hour12: false }) : '—'),
  age: (seconds) => {
    if (seconds === null || seconds === undefined) return '—';
    const s = Number(seconds);
    if (s < 60) return `${s.toFixed(1)} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
    return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  },
  pct: (n) => `${Number(n ?? 0).toFixed(Number(n) % 1 ? 1 : 0)} %`,
};

// Thousands separators without going through a binary double: amounts are exact decimals.
function formatDecimal(text) {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  return match[1] + match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (match[3] ?? '');
}

function statusBadge(status) {
  return h('span', { class: `status ${status}`, 'data-status': status }, status);
}

function progressBar(percentage) {
  const p = Math.max(0, Math.min(100, Number(percentage ?? 0)));
  const fill = h('span');
  fill.style.width = `${p}%`; // through the CSSOM: the page's CSP refuses style attributes
  return h('div', { class: 'bar', role: 'progressbar', 'aria-valuenow': p, 'aria-valuemin': 0,
    'aria-valuemax': 100 }, fill, h('em', {}, fmt.pct(p)));
}

function setProgress(container, percentage) {
  const bar = container.querySelector('.bar');
  if (!bar) return;
  const p = Math.max(0, Math.min(100, Number(percentage ?? 0)));
  bar.setAttribute('aria-valuenow', p);
  bar.querySelector('span').style.width = `${p}%`;
  bar.querySelector('em').textContent = fmt.pct(p);
}

// ---- the API ----------------------------------------------------------------------------------

function token() { return sessionStorage.getItem(TOKEN_KEY); }

function authHeaders() {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(method, path, body) {
  const response = await fetch(API + path, {
    method,
    headers: { Accept: 'application/json', ...authHeaders(),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? parseExact(text) : null;
  if (response.status === 401 && state.settings?.authentication_enabled) {
    signOut('Your session ended (the token was refused); sign in again.');
    throw new ApiError(401, json);
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/**
 * JSON.parse that keeps every number that is not a safe integer as the text the service sent
 * (amounts are exact decimals; a binary double would change their last digits).
 */
function parseExact(text) {
  return JSON.parse(text, (key, value, context) =>
    (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source ? context.source : value));
}

const can = {
  read: () => hasRole('calc:read') || hasRole('calc:admin'),
  cancel: () => hasRole('calc:submit') || hasRole('calc:admin'),
  admin: () => hasRole('calc:admin'),
};
function hasRole(role) { return state.session?.roles?.includes(role); }

// ---- live events (Server-Sent Events read with fetch, so the token travels in a header) ------

const live = {
  controller: null,
  retry: 1000,
  listeners: new Set(),
  lastJobsAt: 0,

  start() {
    this.stop();
    this.controller = new AbortController();
    this.connect(this.controller.signal);
  },

  stop() {
    this.controller?.abort();
    this.controller = null;
    setLive('off', 'offline');
  },

  async connect(signal) {
    while (!signal.aborted) {
      try {
        const response = await fetch(`${API}/events`, {
          headers: { Accept: 'text/event-stream', ...authHeaders() }, signal, cache: 'no-store',
        });
        if (response.status === 401) { signOut('Your session ended; sign in again.'); return; }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        setLive('on', 'live');
        this.retry = 1000;
        await this.read(response.body, signal);
        if (signal.aborted) return;
        // the stream ended: read everything afresh once reconnected
        this.emit('resync', {});
      } catch (e) {
        if (signal.aborted) return;
      }
      setLive('retry', 'reconnecting');
      await new Promise((resolve) => setTimeout(resolve, this.retry));
      this.retry = Math.min(this.retry * 2, 30000);
      this.emit('resync', {});
    }
  },

  async read(body, signal) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    while (!signal.aborted) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') name = val;
          else if (field === 'data') data.push(val);
        }
        if (data.length) this.dispatch(name, parseExact(data.join('\n')));
      }
    }
  },

  dispatch(name, data) {
    if (name === 'reauthenticate') { signOut('Your token expired; sign in again.'); return; }
    if (name === 'statistics') { state.statistics = data; }
    if (name === 'jobs') {
      this.lastJobsAt = Date.now();
      const received = performance.now();
      for (const job of data.jobs) window.__ormcalcLive.push({ id: job.job_id, status: job.status,
        progress: job.progress_percentage, announcedAt: job.announced_at, sentAt: data.sent_at,
        receivedAt: Date.now(), receivedPerf: received });
    }
    this.emit(name, data);
  },

  on(listener) { this.listeners.add(listener); return () => this.listeners.delete(listener); },
  emit(name, data) { for (const listener of [...this.listeners]) listener(name, data); },
};

// what the live stream delivered, for the end-to-end test and the latency benchmark
window.__ormcalcLive = [];

function setLive(cls, text) {
  const el = $('#live');
  el.className = `live ${cls}`;
  el.textContent = text;
}

// ---- sign-in ----------------------------------------------------------------------------------

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  state.session = null;
  state.statistics = null; // nothing of the previous caller's may show to the next
  window.__ormcalcLive = [];
  live.stop();
  if (message) flash(message, true);
  renderSignIn();
}

function renderSignIn() {
  $('#nav').hidden = true;
  $('#sign-out').hidden = true;
  $('#who').textContent = '';
  const area = h('textarea', { id: 'token-input', placeholder: 'eyJhbGciOi…', autocomplete: 'off',
    spellcheck: 'false' });
  const error = h('p', { id: 'sign-in-error', class: 'muted' });
  const submit = async (event) => {
    event.preventDefault();
    const value = area.value.trim().replace(/^Bearer\s+/i, '');
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    try {
      await startSession();
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY);
      error.textContent = `Not signed in: ${e.message}`;
    }
  };
  const oidc = state.settings?.oidc;
  main().replaceChildren(h('div', { class: 'panel signin' },
    h('h1', {}, 'Sign in'),
    oidc ? h('p', {}, h('button', { id: 'sign-in-oidc', type: 'button', onclick: () => oidcRedirect(oidc) },
      'Sign in with your identity provider')) : null,
    h('form', { onsubmit: submit },
      h('label', { for: 'token-input' }, 'Or paste an access token (JWT) with the roles calc:read, calc:submit or calc:admin'),
      area,
      h('p', {}, h('button', { id: 'sign-in', type: 'submit' }, 'Sign in'))),
    error,
    h('p', { class: 'muted' }, 'The token stays in this browser tab only (session storage) and is sent to this service alone.')));
}

const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function randomString() {
  return b64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function oidcRedirect(oidc) {
  const verifier = randomString();
  const stateValue = randomString();
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem('ormcalc.pkce', JSON.stringify({ verifier, state: stateValue,
    back: location.hash || '#/' }));
  const url = new URL(oidc.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', oidc.client_id);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', oidc.scope);
  url.searchParams.set('state', stateValue);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (oidc.audience) url.searchParams.set('audience', oidc.audience);
  location.assign(url.toString());
}

function redirectUri() { return `${location.origin}/`; }

/** Back from the identity provider with ?code=…&state=…: trade the code for a token. */
async function completeOidc() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const saved = JSON.parse(sessionStorage.getItem('ormcalc.pkce') || 'null');
  sessionStorage.removeItem('ormcalc.pkce');
  history.replaceState(null, '', `/${saved?.back ?? ''}`);
  const oidc = state.settings?.oidc;
  if (params.has('error')) throw new Error(`the identity provider answered ${params.get('error')}`);
  if (!saved || !oidc || params.get('state') !== saved.state) throw new Error('the sign-in answer does not match this tab (state)');
  const response = await fetch(oidc.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'),
      redirect_uri: redirectUri(), client_id: oidc.client_id, code_verifier: saved.verifier }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) throw new Error(`the token endpoint answered ${response.status}`);
  sessionStorage.setItem(TOKEN_KEY, answer.access_token);
  return true;
}

async function startSession() {
  state.session = await call('GET', '/session');
  const s = state.session;
  $('#who').textContent = `${s.subject} · tenant ${s.tenant_id}${s.all_tenants ? ' (reads every tenant)' : ''} · ${s.roles.join(', ')}`;
  $('#nav').hidden = false;
  $('#sign-out').hidden = !state.settings.authentication_enabled;
  live.start();
  route();
}

// ---- routing ----------------------------------------------------------------------------------

let teardown = () => {};

function route() {
  if (!state.session) return;
  teardown();
  teardown = () => {};
  const [path, query] = (location.hash.slice(1) || '/').split('?');
  const params = new URLSearchParams(query ?? '');
  const detail = /^\/jobs\/(job_[0-9a-z]{26})$/.exec(path);
  let nav = 'overview';
  if (detail) { nav = 'jobs'; teardown = viewJob(detail[1]); }
  else if (path === '/jobs') { nav = 'jobs'; teardown = viewJobs(params); }
  else if (path === '/dead-letters') { nav = 'dead-letters'; teardown = viewDeadLetters(); }
  else teardown = viewOverview();
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.nav === nav);
}

function failed(e) {
  if (e instanceof ApiError && e.status === 401) return;
  flash(e.message, true);
}

// ---- overview ---------------------------------------------------------------------------------

function viewOverview() {
  const cards = h('div', { class: 'cards', id: 'overview-cards' });
  const priorities = h('tbody');
  const lastHour = h('dl', { class: 'kv', id: 'last-hour' });
  const runningBody = h('tbody', { id: 'running-jobs' });
  const cleanupAge = h('input', { id: 'cleanup-age', type: 'number', min: 0, max: 87600, value: 24, class: 'narrow' });
  const cleanup = h('button', { id: 'cleanup', type: 'button', class: 'danger', disabled: !can.admin(),
    title: can.admin() ? 'Delete finished jobs older than the age' : 'Needs the role calc:admin',
    onclick: async () => {
      if (!confirm(`Purge every finished job older than ${cleanupAge.value} hour(s)?`)) return;
      try {
        const result = await call('POST', `/calculation-jobs/cleanup?max_age_hours=${encodeURIComponent(cleanupAge.value)}`);
        flash(result.message);
      } catch (e) { failed(e); }
    } }, 'Run cleanup');

  main().replaceChildren(
    h('h1', {}, 'Queue overview'),
    cards,
    h('div', { class: 'grid2' },
      h('div', { class: 'panel' }, h('h2', {}, 'By priority'),
        h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Priority'), h('th', { class: 'num' }, 'Queued'),
          h('th', { class: 'num' }, 'All statuses'))), priorities)),
      h('div', { class: 'panel' }, h('h2', {}, 'Last hour'), lastHour)),
    h('div', { class: 'panel' }, h('h2', {}, 'Running jobs'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Job'), h('th', {}, 'Model'), h('th', {}, 'Entity'),
        h('th', {}, 'Attempt'), h('th', {}, 'Progress'))), runningBody)),
    h('div', { class: 'panel' }, h('h2', {}, 'Maintenance'),
      h('div', { class: 'pager' }, h('label', {}, 'Finished more than (hours) ago', cleanupAge), cleanup,
        can.admin() ? null : h('span', { class: 'muted' }, 'Cleanup needs the role calc:admin'))));

  const drawStatistics = (s) => {
    if (!s) return;
    const card = (id, label, value) => h('div', { class: 'card', id }, h('div', { class: 'label' }, label),
      h('div', { class: 'value' }, value));
    cards.replaceChildren(
      card('count-total', 'All jobs', fmt.int(s.total_jobs)),
      ...STATUSES.map((st) => card(`count-${st}`, st, fmt.int(s.status_breakdown[st]))),
      card('oldest-queued', 'Oldest queued', fmt.age(s.oldest_queued_age_seconds)));
    priorities.replaceChildren(...PRIORITIES.map((p) => h('tr', {}, h('td', {}, p),
      h('td', { class: 'num' }, fmt.int(s.queued_by_priority[p])), h('td', { class: 'num' }, fmt.int(s.priority_breakdown[p])))));
    const finished = s.completed_last_hour + s.failed_last_hour;
    lastHour.replaceChildren(
      h('dt', {}, 'Completed'), h('dd', { id: 'completed-last-hour' }, fmt.int(s.completed_last_hour)),
      h('dt', {}, 'Failed'), h('dd', {}, fmt.int(s.failed_last_hour)),
      h('dt', {}, 'Cancelled'), h('dd', {}, fmt.int(s.cancelled_last_hour)),
      h('dt', {}, 'Throughput'), h('dd', {}, `${(s.completed_last_hour / 60).toFixed(1)} jobs/min`),
      h('dt', {}, 'Failure rate'), h('dd', { id: 'failure-rate' }, finished ? `${((100 * s.failed_last_hour) / finished).toFixed(2)} %` : '—'),
      h('dt', {}, 'This replica'), h('dd', {}, `${s.instance_id}: ${s.active_jobs_this_replica}/${s.max_concurrent_jobs} running`),
      h('dt', {}, 'Dispatch'), h('dd', { id: 'paused-dispatch' }, (s.paused_dispatch || []).length
        ? `paused: ${s.paused_dispatch.map((p) => `${p.scope} ${p.value}${p.reason ? ` (${p.reason})` : ''}`).join(', ')}`
        : 'running for every model and tenant'));
  };

  const runningRow = (job) => h('tr', { 'data-job': job.job_id },
    h('td', {}, h('a', { href: `#/jobs/${job.job_id}`, class: 'mono' }, job.job_id)),
    h('td', {}, job.model_name), h('td', {}, job.entity_id), h('td', { class: 'num' }, job.attempts),
    h('td', {}, progressBar(job.progress_percentage)));

  const loadRunning = async () => {
    const page = await call('GET', `/calculation-jobs?status=running&limit=${PAGE_SIZE}`);
    runningBody.replaceChildren(...page.items.map(runningRow));
    if (!page.items.length) runningBody.append(emptyRow(5, 'No job is running.'));
  };

  drawStatistics(state.statistics);
  Promise.all([call('GET', '/calculation-jobs/queue/statistics').then(drawStatistics), loadRunning()])
    .then(() => ready('overview')).catch(failed);

  return live.on((name, data) => {
    if (name === 'statistics') drawStatistics(data);
    if (name === 'resync') { loadRunning().catch(failed); }
    if (name !== 'jobs') return;
    for (const job of data.jobs) {
      const row = runningBody.querySelector(`tr[data-job="${job.job_id}"]`);
      if (job.status === 'running') {
        if (row) setProgress(row, job.progress_percentage);
        else if (runningBody.children.length < PAGE_SIZE) {
          runningBody.querySelector('tr.empty')?.remove();
          const fresh = runningRow(job);
          fresh.classList.add('fresh');
          runningBody.append(fresh);
        }
      } else if (row) {
        row.remove();
        if (!runningBody.children.length) runningBody.append(emptyRow(5, 'No job is running.'));
      }
    }
  });
}

/** Marks a view as drawn with its data: for the page-load benchmark (performance marks). */
function ready(view) {
  performance.mark(`ormcalc:${view}`);
  window.__ormcalcReady = { view, at: performance.now() };
}

function emptyRow(columns, text) {
  return h('tr', { class: 'empty' }, h('td', { colspan: columns, class: 'muted' }, text));
}

/**
 * Keyset paging over an API list: "← Newer" and "Older →" follow next_cursor. fetchPage(cursor)
 * draws one page and returns its next_cursor; show() (re)draws the current page and marks the
 * view drawn.
 */
function cursorPager(view, fetchPage, { olderId, newerId, firstNote = '' } = {}) {
  const previous = [];
  let cursor = null;
  let next = null;
  const info = h('span', { class: 'muted', id: `${view}-page-info` });
  const older = h('button', { type: 'button', class: 'secondary', id: olderId, onclick: () => {
    previous.push(cursor); cursor = next; show().catch(failed);
  } }, 'Older →');
  const newer = h('button', { type: 'button', class: 'secondary', id: newerId, onclick: () => {
    cursor = previous.pop() ?? null; show().catch(failed);
  } }, '← Newer');
  async function show() {
    next = await fetchPage(cursor);
    older.disabled = !next;
    newer.disabled = cursor === null;
    info.textContent = `page ${previous.length + 1}${cursor ? '' : firstNote}`;
    ready(view);
  }
  return { element: h('div', { class: 'pager' }, newer, older, info), show, onFirstPage: () => cursor === null };
}

// ---- job list ---------------------------------------------------------------------------------

function viewJobs(params) {
  const filters = { status: params.get('status') ?? '', model_name: params.get('model_name') ?? '',
    entity_id: params.get('entity_id') ?? '' };
  const body = h('tbody', { id: 'job-rows' });
  const select = (name, values) => h('select', { name, id: `filter-${name}` }, h('option', { value: '' }, 'any'),
    ...values.map((v) => h('option', { value: v, selected: filters[name] === v }, v)));
  const form = h('form', { class: 'filters', id: 'job-filters', onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const query = new URLSearchParams();
    for (const [key, value] of data) if (String(value).trim()) query.set(key, String(value).trim());
    location.hash = `#/jobs${query.toString() ? `?${query}` : ''}`;
  } },
  h('label', {}, 'Status', select('status', STATUSES)),
  h('label', {}, 'Model', select('model_name', MODELS)),
  h('label', {}, 'Entity', h('input', { name: 'entity_id', id: 'filter-entity_id', value: filters.entity_id, maxlength: 100 })),
  h('button', { type: 'submit' }, 'Apply'));
  const pager = cursorPager('jobs', async (cursor) => {
    const query = new URLSearchParams({ limit: PAGE_SIZE });
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    if (cursor) query.set('cursor', cursor);
    const page = await call('GET', `/calculation-jobs?${query}`);
    body.replaceChildren(...page.items.map(row));
    if (!page.items.length) body.append(emptyRow(8, 'No job matches.'));
    return page.next_cursor;
  }, { olderId: 'next-page', newerId: 'prev-page', firstNote: ' (newest; new jobs appear live)' });
  main().replaceChildren(h('h1', {}, 'Jobs'), form,
    h('table', {}, h('thead', {}, h('tr', {}, ...['Job', 'Status', 'Model', 'Entity', 'Priority', 'Progress', 'Attempts', 'Created']
      .map((t) => h('th', {}, t)))), body),
    pager.element);

  const matches = (job) => (!filters.status || job.status === filters.status)
    && (!filters.model_name || job.model_name === filters.model_name)
    && (!filters.entity_id || job.entity_id === filters.entity_id);

  const row = (job) => h('tr', { 'data-job': job.job_id },
    h('td', {}, h('a', { href: `#/jobs/${job.job_id}`, class: 'mono' }, job.job_id)),
    h('td', { class: 'st' }, statusBadge(job.status)), h('td', {}, job.model_name), h('td', {}, job.entity_id),
    h('td', {}, job.priority), h('td', { class: 'pg' }, progressBar(job.progress_percentage)),
    h('td', { class: 'num at' }, job.attempts), h('td', {}, fmt.time(job.created_at)));

  pager.show().catch(failed);

  return live.on((name, data) => {
    if (name === 'resync') { pager.show().catch(failed); return; }
    if (name !== 'jobs') return;
    for (const job of data.jobs) {
      const existing = body.querySelector(`tr[data-job="${job.job_id}"]`);
      if (existing) {
        existing.querySelector('.st').replaceChildren(statusBadge(job.status));
        setProgress(existing.querySelector('.pg'), job.progress_percentage);
        existing.querySelector('.at').textContent = job.attempts;
      } else if (pager.onFirstPage() && job.status === 'queued' && job.attempts === 0 && matches(job)) {
        body.querySelector('tr.empty')?.remove();
        const fresh = row(job);
        fresh.classList.add('fresh');
        body.prepend(fresh);
        while (body.children.length > PAGE_SIZE) body.lastElementChild.remove();
      } else if (pager.onFirstPage() && !existing && matches(job) && job.status !== 'queued'
        && Date.now() - Date.parse(job.created_at) < 5000) {
        // created and finished (or started) before its queued announcement was shown
        body.querySelector('tr.empty')?.remove();
        body.prepend(row(job));
      }
    }
  });
}

// ---- job detail -------------------------------------------------------------------------------

function viewJob(jobId) {
  const root = h('div', { id: 'job-detail', 'data-job': jobId }, h('p', { class: 'muted' }, 'Loading…'));
  main().replaceChildren(h('h1', {}, 'Job ', h('span', { class: 'mono' }, jobId)), root);
  let pending = null;

  async function load() {
    const [job, trail, deliveries] = await Promise.all([
      call('GET', `/calculation-jobs/${jobId}`),
      call('GET', `/calculation-jobs/${jobId}/events`),
      call('GET', `/calculation-jobs/${jobId}/webhook-deliveries`),
    ]);
    root.replaceChildren(...renderJob(job, trail, deliveries, load));
    ready('job');
  }
  load().catch((e) => {
    if (e instanceof ApiError && e.status === 404) root.replaceChildren(h('p', { id: 'not-found' }, 'No such job (or not yours to see).'));
    else failed(e);
  });

  return live.on((name, data) => {
    if (name === 'resync') { load().catch(failed); return; }
    if (name !== 'jobs') return;
    const job = data.jobs.find((j) => j.job_id === jobId);
    if (!job) return;
    const summary = root.querySelector('#job-summary');
    if (summary && job.status === 'running') {
      setProgress(summary, job.progress_percentage);
      summary.querySelector('.st').replaceChildren(statusBadge(job.status));
    }
    if (job.status !== 'running' || !summary) {
      clearTimeout(pending);
      pending = setTimeout(() => load().catch(failed), 150);
    }
  });
}

function renderJob(job, trail, deliveries, reload) {
  const cancellable = job.status === 'queued' || job.status === 'running';
  const cancel = h('button', { id: 'cancel-job', type: 'button', class: 'danger',
    disabled: !cancellable || !can.cancel() || job.cancel_requested_at,
    title: can.cancel() ? '' : 'Needs the role calc:submit',
    onclick: async () => {
      try {
        const answer = await call('DELETE', `/calculation-jobs/${job.job_id}`);
        flash(answer?.message ?? 'Cancellation requested');
        await reload();
      } catch (e) { failed(e); }
    } }, job.cancel_requested_at ? 'Cancellation requested' : 'Cancel job');

  const summary = h('div', { class: 'panel', id: 'job-summary' },
    h('dl', { class: 'kv' },
      h('dt', {}, 'Status'), h('dd', { class: 'st', id: 'job-status' }, statusBadge(job.status)),
      h('dt', {}, 'Progress'), h('dd', {}, progressBar(job.progress_percentage)),
      h('dt', {}, 'Model'), h('dd', {}, `${job.model_name} (${job.execution_mode})`),
      h('dt', {}, 'Entity'), h('dd', {}, job.entity_id),
      h('dt', {}, 'Calculation date'), h('dd', {}, job.calculation_date),
      h('dt', {}, 'Priority'), h('dd', {}, job.priority),
      h('dt', {}, 'Attempts'), h('dd', {}, `${job.attempts} of ${job.max_attempts}`),
      h('dt', {}, 'Created'), h('dd', {}, fmt.time(job.created_at)),
      h('dt', {}, 'Started'), h('dd', {}, fmt.time(job.started_at)),
      h('dt', {}, 'Finished'), h('dd', {}, fmt.time(job.completed_at)),
      h('dt', {}, 'Run id'), h('dd', { class: 'mono' }, job.run_id),
      h('dt', {}, 'Callback'), h('dd', { class: 'mono' }, job.callback_url ?? '—')),
    h('p', {}, cancel));

  const parts = [summary];
  if (job.result) parts.push(h('div', { class: 'panel', id: 'job-result' }, h('h2', {}, 'Result'), ...renderResult(job.model_name, job.result)));
  if (job.error) parts.push(h('div', { class: 'panel', id: 'job-error' }, h('h2', {}, 'Error'),
    h('p', {}, h('strong', {}, job.error.error_code ?? ''), ' ', job.error.message ?? '')));
  if (job.attempt_errors?.length) parts.push(h('div', { class: 'panel' }, h('h2', {}, 'Failed attempts'),
    table(['Attempt', 'Code', 'Message', 'When'], job.attempt_errors.map((a) => [a.attempt, a.error_code, a.message, fmt.time(a.at)]))));
  parts.push(h('div', { class: 'panel', id: 'audit-trail' }, h('h2', {}, 'Audit trail'),
    table(['When', 'Event', 'From', 'To', 'Attempt', 'Actor', 'Address', 'Correlation id'],
      trail.items.map((e) => [fmt.time(e.occurred_at), e.event_type, e.from_status ?? '', e.to_status ?? '',
        e.attempt ?? '', e.actor, e.client_address ?? '', e.correlation_id ?? ''])),
    trail.truncated ? h('p', { class: 'muted' }, 'Only the first 1,000 events are shown.') : null));
  parts.push(h('div', { class: 'panel', id: 'webhook-deliveries' }, h('h2', {}, 'Webhook deliveries'),
    deliveries.items.length ? deliveryTable(deliveries.items, reload) : h('p', { class: 'muted' },
      job.callback_url ? 'No message yet: one is sent when the job ends.' : 'The job has no callback URL.')));
  parts.push(h('div', { class: 'panel' }, h('h2', {}, 'Inputs'), h('pre', { id: 'job-inputs' }, JSON.stringify(job.inputs, null, 2)),
    h('h2', {}, 'Lineage'), h('pre', {}, JSON.stringify(job.lineage, null, 2))));
  return parts;
}

function table(headers, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', {}, t)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((c) => h('td', {}, c ?? ''))))));
}

function deliveryTable(items, reload) {
  const redeliver = (d) => h('button', { type: 'button', class: 'secondary redeliver', 'data-delivery': d.delivery_id,
    disabled: !can.admin() || d.status === 'pending' || d.status === 'sending',
    title: can.admin() ? 'Send the message again' : 'Needs the role calc:admin',
    onclick: async () => {
      try {
        await call('POST', `/webhook-deliveries/${d.delivery_id}/redeliver`);
        flash(`Message ${d.delivery_id} queued for delivery`);
        await reload();
      } catch (e) { failed(e); }
    } }, 'Redeliver');
  return h('table', {}, h('thead', {}, h('tr', {}, ...['Message', 'Job', 'Event', 'Status', 'Attempts', 'Last answer', 'Redeliver'].map((t) => h('th', {}, t)))),
    h('tbody', {}, ...items.map((d) => {
      const last = d.attempt_history?.[d.attempt_history.length - 1];
      return h('tr', { 'data-delivery': d.delivery_id },
        h('td', { class: 'mono' }, d.delivery_id),
        h('td', {}, h('a', { class: 'mono', href: `#/jobs/${d.job_id}` }, d.job_id)),
        h('td', {}, d.event_type), h('td', {}, statusBadge(d.status)),
        h('td', { class: 'num' }, d.attempts),
        h('td', {}, last ? `${last.http_status ?? ''} ${last.outcome ?? ''} ${last.error ?? ''}`.trim() : '—'),
        h('td', {}, redeliver(d)));
    })));
}

// ---- results ----------------------------------------------------------------------------------

function renderResult(model, result) {
  if (model === 'sma') return renderSma(result);
  if (model === 'lda') return renderLda(result);
  return [kv(Object.entries(result).filter(([, v]) => typeof v !== 'object' || v === null)), details(result)];
}

function kv(entries) {
  return h('dl', { class: 'kv' }, ...entries.flatMap(([k, v]) => [h('dt', {}, k.replace(/_/g, ' ')),
    h('dd', { class: 'num-text' }, fmt.money(v))]));
}

function details(result) {
  return h('details', {}, h('summary', {}, 'Every figure (JSON)'), h('pre', {}, JSON.stringify(result, null, 2)));
}

function renderSma(r) {
  const unit = `${r.currency} ${r.amount_unit ?? ''}`.trim();
  return [
    h('p', {}, `Basel III standardised approach (${r.rule_set}), amounts in ${unit}.`),
    h('table', { id: 'sma-breakdown' }, h('thead', {}, h('tr', {}, h('th', {}, 'Component'), h('th', {}, 'Rule'), h('th', { class: 'num' }, 'Value'))),
      h('tbody', {}, ...[
        ['Interest, leases and dividends (ILDC)', 'OPE25.5', r.ildc],
        ['Services component (SC)', 'OPE25.5', r.sc],
        ['Financial component (FC)', 'OPE25.5', r.fc],
        ['Business indicator (BI = ILDC + SC + FC)', 'OPE25.3–25.4', r.business_indicator],
        ['BI bucket', 'OPE25.7 Table 1', r.bucket],
        ['Business indicator component (BIC)', 'OPE25.7 Table 1', r.bic],
        [`Average annual loss (${r.loss_years ?? ''} years)`, 'OPE25.8', r.average_annual_loss],
        ['Loss component (LC = 15 × average loss)', 'OPE25.8', r.loss_component],
        ['LC / BIC', 'OPE25.8', r.lc_bic_ratio],
        [`Internal loss multiplier (ILM; ${r.ilm_basis ?? ''})`, 'OPE25.8', r.ilm],
        ['Operational risk capital (ORC = BIC × ILM)', 'OPE25.2', r.operational_risk_capital],
        ['Risk-weighted assets (RWA = 12.5 × ORC)', 'OPE25.2', r.risk_weighted_assets],
      ].map(([label, rule, value]) => h('tr', {}, h('td', {}, label), h('td', { class: 'muted' }, rule),
        h('td', { class: 'num' }, fmt.money(value)))))),
    r.bic_slices?.length ? h('div', {}, h('h2', {}, 'BIC by bucket slice'),
      table(Object.keys(r.bic_slices[0]).map((k) => k.replace(/_/g, ' ')), r.bic_slices.map((s) => Object.values(s).map((v) => fmt.money(v))))) : null,
    details(r),
  ];
}

function renderLda(r) {
  const t = r.total;
  return [
    h('p', {}, `Loss distribution approach: ${fmt.int(r.simulations)} simulated years, ${r.aggregation} aggregation, seed ${r.seed}; amounts in ${r.currency} (${r.amount_unit}).`),
    h('div', { class: 'grid2' },
      h('div', {}, kv([['expected loss', t.expected_loss], [`VaR ${r.confidence}`, t.var], ['expected shortfall', t.expected_shortfall],
        ['unexpected loss', t.unexpected_loss], ['VaR standard error', t.var_standard_error], ['SLA VaR', t.sla_var],
        ['diversification benefit', r.diversification_benefit]])),
      h('div', { id: 'lda-tail-chart' }, h('div', { class: 'muted' }, 'Loss distribution tail: VaR and ES by confidence'), tailChart(t.levels ?? []))),
    r.units?.length > 1 ? table(['Unit', 'Expected loss', 'VaR', 'ES', 'SE of VaR'],
      r.units.map((u) => [u.name, fmt.money(u.expected_loss), fmt.money(u.var), fmt.money(u.expected_shortfall), fmt.money(u.var_standard_error)])) : null,
    details(r),
  ];
}

function tailChart(levels) {
  const NS = 'http://www.w3.org/2000/svg';
  const s = (tag, attrs, ...children) => {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return el;
  };
  const W = 460; const H = 210; const L = 70; const B = 30; const T = 22; const R = 36;
  const svg = s('svg', { class: 'chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': 'VaR and expected shortfall by confidence level' });
  if (!levels.length) return svg;
  // x: the return period 1/(1-a) on a log scale; y: the loss
  const xs = levels.map((l) => Math.log10(1 / (1 - Number(l.confidence))));
  const values = levels.flatMap((l) => [Number(l.var), Number(l.expected_shortfall)]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...values) * 0.95, Math.max(...values) * 1.02];
  const px = (x) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
  const py = (y) => H - B - ((y - y0) / (y1 - y0 || 1)) * (H - B - T);
  svg.append(s('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }),
    s('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
  for (const [i, l] of levels.entries()) {
    svg.append(s('text', { x: px(xs[i]), y: H - B + 14, 'text-anchor': 'middle' }, String(l.confidence)));
  }
  for (const y of [y0, (y0 + y1) / 2, y1]) {
    svg.append(s('text', { x: L - 4, y: py(y) + 3, 'text-anchor': 'end' }, compact(y)));
  }
  for (const [key, cls] of [['var', 'var'], ['expected_shortfall', 'es']]) {
    const points = levels.map((l, i) => `${px(xs[i])},${py(Number(l[key]))}`).join(' ');
    svg.append(s('polyline', { class: cls, points }));
    levels.forEach((l, i) => svg.append(s('circle', { class: cls, cx: px(xs[i]), cy: py(Number(l[key])), r: 3 },
      s('title', {}, `${key === 'var' ? 'VaR' : 'ES'} ${l.confidence}: ${formatDecimal(String(l[key]))}`))));
  }
  svg.append(s('text', { x: L + 8, y: 12, 'text-anchor': 'start' }, 'solid: VaR · dashed: expected shortfall · x: confidence (log return period)'));
  return svg;
}

function compact(n) {
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

// ---- dead letters -----------------------------------------------------------------------------

function viewDeadLetters() {
  const holder = h('div', { id: 'dead-letters' });
  const pager = cursorPager('dead-letters', async (cursor) => {
    const query = new URLSearchParams({ status: 'dead', limit: PAGE_SIZE });
    if (cursor) query.set('cursor', cursor);
    const page = await call('GET', `/webhook-deliveries?${query}`);
    holder.replaceChildren(page.items.length ? deliveryTable(page.items, () => pager.show())
      : h('p', { class: 'muted' }, 'No dead letter.'));
    return page.next_cursor;
  });
  main().replaceChildren(h('h1', {}, 'Dead letters'),
    h('p', { class: 'muted' }, 'Webhook messages that were not delivered after every attempt. Redelivery needs the role calc:admin.'),
    holder, pager.element);
  pager.show().catch(failed);
  return live.on((name, data) => {
    if (name === 'resync' || (name === 'jobs' && data.jobs.some((j) => j.status !== 'queued' && j.status !== 'running'))) {
      clearTimeout(viewDeadLetters.timer);
      viewDeadLetters.timer = setTimeout(() => pager.show().catch(failed), 1000);
    }
  });
}

// ---- start ------------------------------------------------------------------------------------

async function boot() {
  $('#sign-out').addEventListener('click', () => signOut('Signed out.'));
  window.addEventListener('hashchange', route);
  // A page left open in the back-forward cache would keep its stream, and with it one of the
  // browser's six HTTP/1.1 connections to this host: close it when the page is hidden, reopen it
  // (and read afresh) when the page comes back.
  window.addEventListener('pagehide', () => live.stop());
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && state.session) { live.start(); route(); }
  });
  try {
    state.settings = await call('GET', '/dashboard/settings');
  } catch (e) {
    main().replaceChildren(h('p', { class: 'muted' }, `The service did not answer: ${e.message}`));
    return;
  }
  try {
    await completeOidc();
  } catch (e) {
    flash(`Sign-in failed: ${e.message}`, true);
  }
  if (!state.settings.authentication_enabled || token()) {
    try {
      await startSession();
      return;
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) flash(e.message, true);
      sessionStorage.removeItem(TOKEN_KEY);
    }
  }
  renderSignIn();
}

boot();
