// The transitions the signed-in role may send now (GET /v1/instances/{id}/actions): a button each,
// which opens a small form built from the event's payload fields.
import { ApiError, call, get, idempotency_key, path_of } from './api.js';
import { h, show } from './dom.js';
import { t } from './i18n.js';

// `refresh` is called once an event was taken, to draw the instance anew.
export async function actions_panel(id, refresh) {
  const actions = await get(`${path_of('v1', 'instances', id)}/actions`);
  const panel = h('div', { class: 'form-slot' });
  if (!actions.items.length) return h('p', { class: 'muted' }, t('no_actions'));
  const buttons = actions.items.map((action) => h('button', {
    type: 'button', 'data-event': action.event,
    onclick: () => { show(panel, event_form(id, action, refresh, () => show(panel))); panel.querySelector('input,select,textarea,button')?.focus(); },
  }, `${action.event} → ${action.target}`));
  return h('div', {}, h('div', { class: 'buttons' }, buttons), panel);
}

function field_input(field, id) {
  const common = { id, name: field.name, required: !field.optional };
  const initial = field.default;
  if (field.one_of) {
    return h('select', common, field.optional ? h('option', { value: '' }, '') : null,
      field.one_of.map((value) => h('option', { value, selected: value === initial }, value)));
  }
  switch (field.type) {
    case 'boolean': return h('input', { ...common, type: 'checkbox', required: false, checked: initial === true });
    case 'integer': case 'vnd': return h('input', { ...common, type: 'number', step: '1', value: initial });
    case 'number': return h('input', { ...common, type: 'number', step: 'any', value: initial });
    case 'object': case 'any': return h('textarea', { ...common, rows: 3, placeholder: t('json_hint') },
      initial === undefined ? '' : JSON.stringify(initial));
    case 'time': return h('input', { ...common, type: 'text', placeholder: '2016-12-15T17:00:00+07:00', value: initial });
    case 'array': case 'list': return h('input', { ...common, type: 'text', placeholder: t('list_hint'),
      value: Array.isArray(initial) ? initial.join(', ') : undefined });
    default: return h('input', { ...common, type: 'text', value: initial });
  }
}

// The payload a form holds, each field typed as the workflow declares it; empty optional ones left out.
function payload_of(form, fields) {
  const payload = {};
  for (const field of fields) {
    const input = form.elements.namedItem(field.name);
    if (field.type === 'boolean' && !field.one_of) { payload[field.name] = input.checked; continue; }
    const raw = input.value.trim();
    if (raw === '') continue;
    if (field.one_of) payload[field.name] = raw;
    else if (['integer', 'vnd', 'number'].includes(field.type)) payload[field.name] = Number(raw);
    else if (['array', 'list'].includes(field.type)) payload[field.name] = raw.split(',').map((v) => v.trim()).filter(Boolean);
    else if (['object', 'any'].includes(field.type)) payload[field.name] = JSON.parse(raw);
    else payload[field.name] = raw;
  }
  return payload;
}

function event_form(id, action, refresh, close) {
  // One key per attempt: sending it again after a lost answer or a 5xx acts once. The server
  // keeps a refusal as the key's answer, so after one a corrected form needs a new key.
  let key = idempotency_key();
  const status = h('p', { class: 'error', role: 'alert' });
  const fields = action.payload || [];
  const heading_id = `form-${action.event}`;
  const form = h('form', { class: 'card event-form', 'aria-labelledby': heading_id, onsubmit: async (event) => {
    event.preventDefault();
    status.textContent = '';
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      await call('POST', `${path_of('v1', 'instances', id)}/events`, {
        body: { type: action.event, payload: payload_of(form, fields) }, headers: { 'Idempotency-Key': key } });
      close();
      await refresh();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status >= 400 && failure.status < 500) key = idempotency_key();
      status.textContent = failure.message;
      submit.disabled = false;
    }
  } },
  h('h3', { id: heading_id }, `${action.event} → ${action.target}`),
  action.guard?.length ? h('p', { class: 'muted' }, action.guard.join('; ')) : null,
  fields.map((field) => {
    const input_id = `field-${action.event}-${field.name}`;
    return h('p', { class: 'field' }, h('label', { for: input_id }, field.name,
      field.optional ? '' : h('span', { 'aria-hidden': 'true', class: 'required' }, ' *')),
      field_input(field, input_id));
  }),
  status,
  h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('send')),
    h('button', { type: 'button', class: 'secondary', onclick: close }, t('cancel'))));
  return form;
}
