// The operator dashboard: one WebSocket (snapshot first, then live events), rendered without a framework.
// The token is asked once and kept in sessionStorage: it lives as long as the tab and is never a cookie,
// so no other site can make the browser send it.
'use strict';

const TOKEN_KEY = 'orderhub.dashboard.token';
const MAX_ROWS = 500;
const $ = (id) => document.getElementById(id);

const state = { orders: new Map(), counters: null, socket: null, retry: 0, selected: null };

function token() { return sessionStorage.getItem(TOKEN_KEY); }

function showSignIn(message) {
  $('dashboard').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message || '';
  $('token').focus();
}

$('sign-in-form').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  $('token').value = '';
  start();
});

$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  if (state.socket) state.socket.close(1000);
  showSignIn();
});

async function start() {
  if (!token()) { showSignIn(); return; }
  $('sign-in').hidden = true;
  $('dashboard').hidden = false;
  $('sign-out').hidden = false;
  const config = await (await fetch('/dashboard/config')).json();
  connect(config);
  loadDeadLetters();
  clearInterval(state.storesTimer);
  state.storesTimer = setInterval(loadStores, config.stores_refresh_ms || 10000);
}

// Behind a reverse proxy on one public port (websocket_same_origin) the socket is on the page's own origin;
// otherwise on the page's host at the public port (an older hub sends websocket_port only).
function socketUrl(config, where) {
  const scheme = where.protocol === 'https:' ? 'wss' : 'ws';
  const host = config.websocket_same_origin ? where.host
    : `${where.hostname}:${config.public_websocket_port ?? config.websocket_port}`;
  return `${scheme}://${host}${config.websocket_path}?token=${encodeURIComponent(token())}`;
}

function connect(config) {
  const socket = new WebSocket(socketUrl(config, location));
  state.socket = socket;
  setConnection('Connecting…', false);
  socket.onmessage = (message) => onEvent(JSON.parse(message.data));
  socket.onclose = (close) => {
    if (state.socket !== socket) return;
    if (close.code === 1008) {
      sessionStorage.removeItem(TOKEN_KEY);
      setConnection('Not connected', false);
      showSignIn('That token was refused.');
      return;
    }
    if (close.code === 1000 && !token()) return;
    const wait = Math.min(10000, 500 * 2 ** state.retry++);
    setConnection(`Disconnected; reconnecting in ${Math.round(wait / 1000)} s`, false);
    setTimeout(() => connect(config), wait);
  };
}

function setConnection(text, live) {
  $('connection').textContent = text;
  $('connection').classList.toggle('live', live);
}

function onEvent(event) {
  if (event.type === 'snapshot') {
    state.retry = 0;
    setConnection('Live', true);
    state.orders = new Map(event.orders.map((o) => [o.order_id, o]));
    state.counters = event.counters;
    renderAll();
    renderStores(event.stores || []);
    return;
  }
  if (event.type === 'order.dead_lettered') {
    state.counters.dead_lettered++;
    renderCounters();
    loadDeadLetters();
    return;
  }
  const known = state.orders.get(event.order_id);
  countEvent(known, event);
  state.orders.delete(event.order_id);
  state.orders = new Map([[event.order_id, { ...known, ...event }], ...state.orders]);
  if (state.orders.size > MAX_ROWS) state.orders.delete([...state.orders.keys()].pop());
  renderCounters();
  renderFeed(event.order_id);
  if (state.selected === event.order_id) showDetail(event.order_id, false);
}

function countEvent(known, event) {
  const c = state.counters;
  const bump = (map, key, delta) => {
    const name = key ?? 'unknown';
    map[name] = (map[name] || 0) + delta;
    if (map[name] <= 0) delete map[name];
  };
  if (event.type === 'order.created' && !known) {
    c.orders++;
    bump(c.by_platform, event.platform, 1);
    const minute = c.per_minute[c.per_minute.length - 1];
    if (minute) minute.orders++;
  } else if (known) {
    bump(c.by_financial_status, known.financial_status, -1);
    bump(c.by_delivery_status, known.delivery_status, -1);
  } else {
    return;
  }
  bump(c.by_financial_status, event.financial_status, 1);
  bump(c.by_delivery_status, event.delivery_status, 1);
}

function renderAll() { renderCounters(); renderFeed(null); }

function renderCounters() {
  const c = state.counters;
  $('count-orders').textContent = c.orders;
  $('count-dead').textContent = c.dead_lettered;
  renderCounts('count-platform', c.by_platform);
  renderCounts('count-financial', c.by_financial_status);
  renderCounts('count-delivery', c.by_delivery_status);
  fillFilter('filter-platform', Object.keys(c.by_platform));
  fillFilter('filter-financial', Object.keys(c.by_financial_status));
  fillFilter('filter-delivery', Object.keys(c.by_delivery_status));
  renderChart(c.per_minute);
}

function renderCounts(id, counts) {
  const items = Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([name, n]) => {
    const li = document.createElement('li');
    li.append(span(name), span(String(n)));
    return li;
  });
  $(id).replaceChildren(...(items.length ? items : [Object.assign(document.createElement('li'), { textContent: '—' })]));
}

function fillFilter(id, names) {
  const select = $(id);
  const have = new Set([...select.options].map((o) => o.value));
  names.filter((n) => !have.has(n)).forEach((n) => select.add(new Option(n, n)));
}

function renderChart(minutes) {
  const svg = $('chart');
  const max = Math.max(1, ...minutes.map((m) => m.orders));
  const width = 600 / minutes.length;
  const bars = minutes.map((m, i) => {
    const h = (m.orders / max) * 84;
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    rect.setAttribute('x', (i * width + 1).toFixed(1));
    rect.setAttribute('y', (88 - h).toFixed(1));
    rect.setAttribute('width', (width - 2).toFixed(1));
    rect.setAttribute('height', h.toFixed(1));
    return rect;
  });
  svg.replaceChildren(...bars);
  const total = minutes.reduce((sum, m) => sum + m.orders, 0);
  const last = minutes.length ? minutes[minutes.length - 1].orders : 0;
  $('chart-summary').textContent = `${total} orders in the last hour, ${last} this minute, at most ${max} a minute.`;
}

function matchesFilters(o) {
  const platform = $('filter-platform').value;
  const financial = $('filter-financial').value;
  const delivery = $('filter-delivery').value;
  const store = $('filter-store').value.trim().toLowerCase();
  return (!platform || o.platform === platform) && (!financial || o.financial_status === financial)
    && (!delivery || o.delivery_status === delivery) && (!store || (o.store_uid || '').toLowerCase().includes(store));
}

['filter-platform', 'filter-financial', 'filter-delivery', 'filter-store']
  .forEach((id) => $(id).addEventListener('input', () => renderFeed(null)));
$('filters').addEventListener('submit', (e) => e.preventDefault());

function renderFeed(freshId) {
  const rows = [...state.orders.values()].filter(matchesFilters).map((o) => row(o, o.order_id === freshId));
  $('feed-rows').replaceChildren(...rows);
  $('feed-empty').hidden = rows.length > 0;
  $('feed-empty').textContent = state.orders.size ? 'No order matches the filters.' : 'No orders yet.';
}

function row(o, fresh) {
  const tr = document.createElement('tr');
  tr.dataset.orderId = o.order_id;
  if (fresh) tr.className = 'fresh';
  if (o.order_id === state.selected) tr.classList.add('selected');
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'link';
  open.textContent = o.order_number || o.order_id;
  open.setAttribute('aria-label', `Order ${o.order_number || o.order_id}, show detail`);
  open.addEventListener('click', () => showDetail(o.order_id, true));
  tr.append(td(time(o.at)), td(o.platform), td(o.store_uid), td(open), td(money(o.total, o.currency), 'num'),
    td(badge(o.financial_status)), td(badge(o.delivery_status)), td(o.partner_id || '—'));
  return tr;
}

async function showDetail(orderId, focus) {
  state.selected = orderId;
  const [order, raw] = await Promise.all([getJson(`/orders/${encodeURIComponent(orderId)}`),
    getJson(`/orders/${encodeURIComponent(orderId)}/raw`)]);
  if (state.selected !== orderId) return;
  $('detail').hidden = false;
  $('detail-title').textContent = `Order ${order.order_number ?? orderId}`;
  const summary = [['Id', order.id], ['Platform', order.platform], ['Store', order.store_uid],
    ['Customer', order.customer ? [order.customer.first_name, order.customer.last_name].filter(Boolean).join(' ') || order.customer.email : ''],
    ['Total', money(order.totals && order.totals.total, order.currency)], ['Financial', order.financial_status],
    ['Fulfillment', order.fulfillment_status], ['Delivery', order.delivery && order.delivery.status],
    ['Partner', order.delivery && order.delivery.partner_id], ['Imported', time(order.processed_at, true)]];
  $('detail-summary').replaceChildren(...summary.flatMap(([k, v]) => [el('dt', k), el('dd', v ?? '—')]));
  const history = (order.delivery && order.delivery.history) || [];
  $('detail-timeline').replaceChildren(...history.map((h) => {
    const li = document.createElement('li');
    li.append(badge(h.status), ` ${time(h.at, true)}${h.detail ? ' — ' + h.detail : ''}`);
    return li;
  }));
  $('detail-order').textContent = JSON.stringify(order, null, 2);
  $('detail-raw-count').textContent = raw.items.length;
  $('detail-raw').replaceChildren(...raw.items.map((d, i) => {
    const wrap = document.createElement('div');
    wrap.append(el('h3', `${i + 1}. ${d.outcome || ''} ${d.topic || ''} · ${time(d.received_at, true)}`),
      Object.assign(el('pre', (d.body ?? d.body_base64)), { tabIndex: 0 }));
    return wrap;
  }));
  document.querySelectorAll('#feed-rows tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.orderId === orderId));
  if (focus) $('detail').focus();
}

$('detail-close').addEventListener('click', () => {
  const id = state.selected;
  state.selected = null;
  $('detail').hidden = true;
  document.querySelectorAll('#feed-rows tr.selected').forEach((tr) => tr.classList.remove('selected'));
  const back = document.querySelector(`#feed-rows tr[data-order-id="${CSS.escape(id || '')}"] button`);
  if (back) back.focus();
});

// The flag is the hub's own (GET /admin/stores, webhooks_stale): the latest reconciliation found orders that
// never came as webhooks, and no webhook came for several reconcile intervals.
function renderStores(stores) {
  const rows = [...stores].sort((a, b) => (b.webhooks_stale - a.webhooks_stale)
    || `${a.platform}/${a.store_uid}`.localeCompare(`${b.platform}/${b.store_uid}`)).map((s) => {
    const tr = document.createElement('tr');
    tr.dataset.store = `${s.platform}/${s.store_uid}`;
    tr.dataset.stale = String(Boolean(s.webhooks_stale));
    if (s.webhooks_stale) tr.className = 'stale';
    const health = el('span', s.webhooks_stale ? 'stopped?' : (s.last_webhook_at ? 'arriving' : 'none yet'));
    health.className = s.webhooks_stale ? 'badge stale' : 'badge';
    tr.dataset.configured = String(s.configured !== false);
    tr.append(td(s.platform), td(storeName(s)), td(s.last_webhook_at ? time(s.last_webhook_at, true) : 'never'),
      td(s.reconciled ? (s.last_reconciled_at ? time(s.last_reconciled_at, true) : 'not yet') : 'off'),
      td(String(s.missing_found ?? 0), 'num'), td(health));
    return tr;
  });
  $('store-rows').replaceChildren(...rows);
  $('stores-empty').hidden = rows.length > 0;
  const stale = stores.filter((s) => s.webhooks_stale);
  $('stores-alert').hidden = stale.length === 0;
  $('stores-alert').textContent = stale.length === 0 ? '' : `Webhooks look stopped for ${stale.map((s) => `${s.platform}/${s.store_uid}`).join(', ')}: `
    + 'reconciliation keeps finding orders that never arrived as webhooks. Check the webhook subscription and its secret on the platform.';
}

// A store without an orderhub.stores entry is known only by its webhooks, signed with its platform's secret.
function storeName(s) {
  if (s.configured !== false) return s.store_uid;
  const name = document.createElement('span');
  const badge = span('platform secret');
  badge.className = 'badge';
  badge.title = 'Not configured on its own: its webhooks are signed with the platform-wide secret';
  name.append(`${s.store_uid} `, badge);
  return name;
}

// Webhook health changes on the scale of minutes: the page asks for it again every few seconds.
async function loadStores() {
  try {
    renderStores((await getJson('/dashboard/stores', true)).items);
  } catch (e) {
    // Keep the last list; the connection state already tells when the hub is unreachable.
  }
}

async function loadDeadLetters() {
  try {
    const page = await getJson('/dashboard/dead-letters', true);
    $('dead-rows').replaceChildren(...page.items.map((d) => {
      const tr = document.createElement('tr');
      tr.append(td(time(d.received_at, true)), td(d.id), td(d.platform), td(d.store_uid), td(d.reason));
      return tr;
    }));
    $('dead-empty').hidden = page.items.length > 0;
  } catch (e) {
    $('dead-empty').hidden = false;
    $('dead-empty').textContent = 'Dead letters could not be read.';
  }
}

async function getJson(url, authorised) {
  const response = await fetch(url, authorised ? { headers: { Authorization: `Bearer ${token()}` } } : {});
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

function el(tag, text) { const e = document.createElement(tag); e.textContent = text ?? ''; return e; }
function span(text) { return el('span', text); }
function td(content, cls) {
  const cell = document.createElement('td');
  if (content instanceof Node) cell.append(content); else cell.textContent = content ?? '';
  if (cls) cell.className = cls;
  return cell;
}
function badge(status) { const b = el('span', status || '—'); b.className = `badge ${status || ''}`; return b; }
function money(amount, currency) { return amount == null ? '' : `${amount} ${currency || ''}`.trim(); }
function time(at, full) {
  if (!at) return '';
  const d = new Date(at);
  return full ? d.toLocaleString() : d.toLocaleTimeString();
}

start();
