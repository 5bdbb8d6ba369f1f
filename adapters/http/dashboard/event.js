// An event's page: its stages, what to send now, its timeline, participants, a contest's
// contestants, contributions, proposals, conclusion, directives and rewards, each child linked
// to its own page.
import { all, get, path_of } from './api.js';
import { h, show } from './dom.js';
import { DEFAULT_ZONE, format_time, format_vnd, t } from './i18n.js';
import { actions_panel } from './actions.js';

const SUMMARISED = ['seminar', 'contest', 'programme'];

async function history_of(id) {
  const entries = [];
  for (let after = 0; ;) {
    const page = await get(`${path_of('v1', 'instances', id)}/history?after=${after}&limit=500`);
    entries.push(...page.items);
    if (!page.items.length || page.next_cursor === null) return entries;
    after = page.items[page.items.length - 1].seq;
  }
}

export async function render_event(main, id, me) {
  show(main, h('p', { class: 'muted' }, t('loading')));
  const base = path_of('v1', 'instances', id);
  const instance = await get(base);
  const [workflow, history, children, participants, summary, actions] = await Promise.all([
    get(path_of('v1', 'workflows', instance.workflow)),
    history_of(id),
    all(`/v1/instances?parent=${encodeURIComponent(id)}`),
    all(`${base}/participants`),
    SUMMARISED.includes(instance.workflow) ? get(`${base}/summary`) : null,
    // After a send, redraw this event only if the reader is still on it.
    actions_panel(id, () => (location.hash === `#/events/${encodeURIComponent(id)}` ? render_event(main, id, me) : undefined)),
  ]);
  const zone = instance.data.timezone || DEFAULT_ZONE;
  const by = (name) => children.filter((child) => child.workflow === name);
  show(main,
    header(instance, zone),
    h('section', { 'aria-labelledby': 'stages' }, h('h2', { id: 'stages' }, t('stages')), stages(workflow, instance)),
    h('section', { 'aria-labelledby': 'actions' }, h('h2', { id: 'actions' }, t('actions')), actions),
    summary ? figures(summary, instance) : null,
    h('div', { class: 'grid' },
      h('section', { class: 'timeline-section', 'aria-labelledby': 'timeline' },
        h('h2', { id: 'timeline' }, t('timeline')), timeline(history, zone)),
      h('div', {},
        participants.length ? section('participants', table(
          [t('name'), t('role'), t('rsvp')],
          participants.map((p) => [p.display_name || p.ref, p.role, p.rsvp?.status ?? p.rsvp ?? '']))) : null,
        instance.data.conclusion ? section('conclusion', h('p', { class: 'conclusion' }, instance.data.conclusion)) : null)),
    instance.data.contestants?.length ? section('contestants', contestants_table(instance.data.contestants)) : null,
    children_section('seminars', by('seminar'), zone, (c) => [link(c, c.data.title), format_time(c.data.starts_at, zone)], [t('title'), t('starts')]),
    children_section('contributions', by('submission'), zone, (c) => [link(c, c.data.unit), c.data.title || ''], [t('unit'), t('title')]),
    children_section('proposals', by('proposal'), zone, (c) => [link(c, c.data.unit || c.data.raised_by || c.id), c.data.content || '',
      c.data.answer || c.data.reply || c.data.forwarded_to || ''], [t('unit'), t('title'), t('answer')]),
    children_section('directives', by('directive'), zone, (c) => [link(c, c.data.unit), c.data.task || '',
      format_time(c.data.due_at, zone)], [t('unit'), t('title'), t('due')]),
    children_section('rewards', by('reward'), zone, (c) => [link(c, c.data.recipient), format_vnd(c.data.amount_vnd)],
      [t('recipient'), t('amount')]));
}

function header(instance, zone) {
  const data = instance.data;
  return h('header', { class: 'event-header' },
    h('p', { class: 'muted' }, instance.workflow,
      instance.parent ? [' · ', t('parent'), ' ', h('a', { href: `#/events/${encodeURIComponent(instance.parent)}` }, instance.parent)] : null),
    h('h1', {}, data.title || data.task || data.content || data.recipient || data.unit || instance.id),
    h('p', {}, h('span', { class: `badge state-${instance.state}` }, instance.state), ' ',
      h('a', { href: `#/workflows/${encodeURIComponent(instance.workflow)}/${encodeURIComponent(instance.state)}` }, t('diagram'))),
    h('dl', { class: 'facts' },
      fact(t('starts'), format_time(data.starts_at, zone)), fact(t('venue'), data.venue), fact(t('chair'), data.chair),
      fact(t('unit'), data.unit), fact(t('due'), format_time(data.due_at, zone))));
}

const fact = (term, value) => (value ? [h('dt', {}, term), h('dd', {}, value)] : null);
const link = (child, label) => h('a', { href: `#/events/${encodeURIComponent(child.id)}` }, label || child.id);
const section = (key, ...content) => h('section', { 'aria-labelledby': `s-${key}` }, h('h2', { id: `s-${key}` }, t(key)), content);

// The workflow's states in order, passed ones marked, the current one highlighted.
function stages(workflow, instance) {
  const names = workflow.states.filter((s) => !s.final || s.name === instance.state).map((s) => s.name);
  const at = names.indexOf(instance.state);
  return h('ol', { class: 'stages' }, names.map((name, i) => h('li', {
    class: i === at ? 'stage current' : i < at ? 'stage passed' : 'stage', 'aria-current': i === at ? 'step' : null,
  }, name)));
}

// A contest counts its contestants and rounds; a seminar or programme its children's work.
function figures(summary, instance) {
  const c = summary.contributions, p = summary.proposals, d = summary.directives, r = summary.rewards;
  const data = instance.data;
  const rewards = h('li', { class: 'budget' }, `${t('rewards')}: ${r.count} · ${t('budget_used')}: ${format_vnd(r.approved_vnd)}`,
    data.budget_vnd ? ` ${t('of_budget')} ${format_vnd(data.budget_vnd)}` : '');
  if (instance.workflow === 'contest') {
    return section('summary', h('ul', { class: 'figures' },
      h('li', {}, `${t('registrations')}: ${data.registrations ?? 0}`),
      h('li', {}, `${t('rounds_closed')}: ${data.rounds_done ?? 0}/${data.regions ?? 0} · ${t('finalists')}: ${data.finalists ?? 0}`),
      h('li', {}, `${t('scores')}: ${data.scores_recorded ?? 0}`), rewards));
  }
  return section('summary', h('ul', { class: 'figures' },
    summary.seminars ? h('li', {}, `${t('seminars')}: ${summary.seminars.held}/${summary.seminars.total}`) : null,
    h('li', {}, `${t('contributions')}: ${c.presented} ${t('presented')} / ${c.total}`),
    h('li', {}, `${t('proposals')}: ${p.answered} ${t('answered')}, ${p.forwarded} ${t('forwarded')}, ${p.open} ${t('open_count')}`),
    h('li', {}, `${t('directives')}: ${d.done} ${t('done')}, ${d.carried_over} ${t('carried')}, ${d.open} ${t('open_count')}`,
      d.by_state?.overdue ? h('span', { class: 'late-text' }, ` (${t('directives_overdue', d.by_state.overdue)})`) : null),
    rewards));
}

// Newest first; past the first RECENT entries, a button shows the rest (a seminar has dozens).
const RECENT = 20;

function timeline(history, zone) {
  if (!history.length) return h('p', { class: 'muted' }, t('none_yet'));
  const newest_first = [...history].reverse();
  const list = h('ol', { class: 'timeline', reversed: true }, newest_first.slice(0, RECENT).map((e) => timeline_entry(e, zone)));
  if (newest_first.length <= RECENT) return list;
  const more = h('button', { type: 'button', class: 'secondary', onclick: () => {
    list.append(...newest_first.slice(RECENT).map((e) => timeline_entry(e, zone)));
    more.remove();
  } }, t('show_all', newest_first.length));
  return h('div', {}, list, more);
}

function timeline_entry(entry, zone) {
  return h('li', { 'data-seq': entry.seq },
    h('time', { datetime: entry.at }, format_time(entry.at, zone)), ' ',
    h('strong', {}, entry.event === 'created' ? t('created') : entry.event), ' ',
    h('span', { class: 'muted' }, entry.from ? `${entry.from} → ${entry.to}` : entry.to), ' · ',
    h('span', { class: 'actor' }, `${t('by')} ${entry.actor.role} ${entry.actor.id}`),
    payload_text(entry.payload) ? h('div', { class: 'payload' }, payload_text(entry.payload)) : null);
}

function payload_text(payload) {
  const parts = Object.entries(payload || {}).map(([key, value]) =>
    `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`);
  return parts.join(' · ');
}

function table(headings, rows) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell) => h('td', {}, cell)))))));
}

// A contest's roll: each contestant's number, unit and region, and the places the rounds gave.
function contestants_table(contestants) {
  return table([t('number'), t('name'), t('unit'), t('region'), t('round_place'), t('final_place')],
    contestants.map((c) => [`#${c.number}`, c.name, c.unit, c.region,
      c.round_rank ? `${c.round_rank}${c.advanced ? ` · ${t('advanced')}` : ''}` : '', c.final_rank ? String(c.final_rank) : '']));
}

function children_section(key, children, zone, cells, headings) {
  if (!children.length) return null;
  return section(key, table([...headings, t('state')], children.map((child) => [...cells(child),
    h('span', { class: `badge state-${child.state}${child.state === 'overdue' ? ' late-text' : ''}` }, child.state)])));
}
