// Recent notifications per endpoint with their attempts, and a retry for dead letters (failed or dead).
import { ApiError, call, get, idempotency_key, path_of } from './api.js';
import { h, show } from './dom.js';
import { format_time, t } from './i18n.js';

const STATUSES = ['', 'pending', 'delivered', 'failed', 'dead'];
const RECENT = 20;

export async function render_deliveries(main, status = '') {
  let endpoints = null;
  try {
    endpoints = (await get('/v1/endpoints')).items;
  } catch (failure) {
    if (!(failure instanceof ApiError && failure.status === 403)) throw failure;
  }
  const filter = h('select', { id: 'status-filter', onchange: () => render_deliveries(main, filter.value) },
    STATUSES.map((value) => h('option', { value, selected: value === status }, value || t('all'))));
  const groups = endpoints === null ? [{ title: t('no_endpoints'), query: '' }]
    : endpoints.map((e) => ({ title: `${e.channel} · ${e.description || e.url}${e.enabled ? '' : ' (off)'}`,
                              query: `endpoint=${encodeURIComponent(e.id)}` }));
  const sections = await Promise.all(groups.map(async (group) => {
    const query = [group.query, status && `status=${status}`, `limit=${RECENT}`].filter(Boolean).join('&');
    const page = await get(`/v1/deliveries?${query}`);
    return h('section', { class: 'card' }, h('h2', {}, group.title), deliveries_table(page.items, () => render_deliveries(main, status)));
  }));
  show(main, h('h1', {}, t('deliveries')),
    h('p', {}, h('label', { for: 'status-filter' }, `${t('status')} `), filter),
    sections.length ? sections : h('p', { class: 'muted' }, t('none_yet')));
}

function deliveries_table(items, refresh) {
  if (!items.length) return h('p', { class: 'muted' }, t('none_yet'));
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, [t('type'), t('status'), t('attempts'), t('when'), ''].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, items.map((delivery) => row(delivery, refresh)))));
}

function row(delivery, refresh) {
  const detail = h('div', { class: 'attempts' });
  const message = h('span', { role: 'status' });
  const failing = delivery.status === 'dead' || delivery.status === 'failed';
  return h('tr', { class: failing ? 'late' : '' },
    h('td', {}, delivery.type, delivery.recipient ? h('div', { class: 'muted' }, delivery.recipient) : null),
    h('td', {}, h('span', { class: `badge status-${delivery.status}` }, delivery.status),
      delivery.last_status_code ? ` ${delivery.last_status_code}` : '', delivery.last_error ? h('div', { class: 'muted' }, delivery.last_error) : null),
    h('td', {}, delivery.attempts),
    h('td', {}, format_time(delivery.finished_at || delivery.next_attempt_at || delivery.created_at)),
    h('td', {},
      h('button', { type: 'button', class: 'secondary', onclick: () => attempts(delivery.id, detail) }, t('details')), ' ',
      failing ? h('button', { type: 'button', onclick: async () => {
        try {
          await call('POST', `${path_of('v1', 'deliveries', delivery.id)}/retry`, { headers: { 'Idempotency-Key': idempotency_key() } });
          message.textContent = t('retried');
          await refresh();
        } catch (failure) { message.textContent = failure.message; }
      } }, t('retry')) : null, message, detail));
}

async function attempts(id, into) {
  const delivery = await get(path_of('v1', 'deliveries', id));
  show(into, delivery.attempt_log.length ? h('ol', {}, delivery.attempt_log.map((a) => h('li', {},
    `${format_time(a.started_at)} · ${a.outcome} · ${a.status_code ?? '—'} · ${a.latency_ms} ms`,
    a.error ? ` · ${a.error}` : ''))) : h('p', { class: 'muted' }, t('none_yet')));
}
