// The customer's tracking page: polls its order's delivery status (the signed link's token is the only
// credential) and offers the decision buttons while the timeline offers a choice.
'use strict';

const orderId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
const trackingToken = new URLSearchParams(location.search).get('token') || '';
const POLL_MS = 1000;
const WORDS = {
  pending: 'We received your order and are finding a courier.',
  assigning: 'We are assigning a courier to your order.',
  delayed: 'Finding a courier is taking longer than usual.',
  extended_search: 'We are still looking for a courier, a little further afield.',
  background: 'We keep looking for a courier and will let you know.',
  assigned: 'A courier has been assigned to your order.',
  cancelled: 'Your order was cancelled.',
  failed: 'We could not find a courier for your order.',
};
const $ = (id) => document.getElementById(id);
let busy = false;

async function refresh() {
  try {
    const response = await fetch(`/track/${encodeURIComponent(orderId)}/status?token=${encodeURIComponent(trackingToken)}`,
      { cache: 'no-store' });
    if (!response.ok) {
      $('status').textContent = response.status === 401 ? 'This tracking link is not valid.' : 'We could not find this order.';
      return;
    }
    const status = await response.json();
    $('order-title').textContent = `Your order ${status.order_number || ''}`.trim();
    render(status.delivery || {});
  } catch (e) {
    $('status').textContent = 'We could not reach the shop; retrying…';
  }
}

function render(delivery) {
  $('status').textContent = WORDS[delivery.status] || `Status: ${delivery.status || 'unknown'}`;
  $('status').dataset.status = delivery.status || '';
  const offered = delivery.choice_offered || [];
  $('choice').hidden = offered.length === 0;
  document.querySelectorAll('#choice button').forEach((b) => { b.hidden = !offered.includes(b.dataset.choice); });
  $('history').replaceChildren(...(delivery.history || []).map((h) => {
    const li = document.createElement('li');
    li.textContent = `${new Date(h.at).toLocaleString()}: ${WORDS[h.status] || h.status}${h.detail ? ` (${h.detail})` : ''}`;
    return li;
  }));
}

document.querySelectorAll('#choice button').forEach((button) => button.addEventListener('click', async () => {
  if (busy) return;
  busy = true;
  $('choice-error').textContent = '';
  try {
    const response = await fetch(`/orders/${encodeURIComponent(orderId)}/decision?token=${encodeURIComponent(trackingToken)}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ choice: button.dataset.choice }),
    });
    if (response.ok) {
      render(await response.json());
    } else {
      $('choice-error').textContent = response.status === 409 ? 'That choice is no longer available.' : 'Your choice could not be sent; please try again.';
      refresh();
    }
  } finally {
    busy = false;
  }
}));

refresh();
setInterval(refresh, POLL_MS);
