// The board: every seminar, contest and programme in columns by stage, what is late in red.
import { all, get } from './api.js';
import { h, show } from './dom.js';
import { format_time, t } from './i18n.js';

const KINDS = ['seminar', 'contest', 'programme'];

export async function render_board(main) {
  show(main, h('p', { class: 'muted' }, t('loading')));
  const [items, workflows] = await Promise.all([all('/v1/board'), get('/v1/workflows')]);
  const states = Object.fromEntries(workflows.items.map((w) => [w.name, w.states]));
  show(main, h('h1', {}, t('board')),
    KINDS.map((kind) => lane(kind, states[kind] || [], items.filter((item) => item.workflow === kind))));
}

function lane(kind, states, items) {
  return h('section', { class: 'lane', 'aria-labelledby': `lane-${kind}` },
    h('h2', { id: `lane-${kind}` }, t(kind), ' ', h('span', { class: 'count' }, items.length)),
    h('div', { class: 'columns' }, states.map((state) => {
      const here = items.filter((item) => item.state === state);
      return h('section', { class: here.length ? 'column' : 'column empty', 'aria-label': state },
        h('h3', {}, state, ' ', h('span', { class: 'count' }, here.length)),
        here.length ? h('ul', { class: 'cards' }, here.map(card)) : h('p', { class: 'muted' }, '—'));
    })));
}

function card(item) {
  const late = item.late || [];
  return h('li', { class: late.length ? 'card late' : 'card' },
    h('a', { href: `#/events/${encodeURIComponent(item.id)}` }, item.title || item.id),
    item.starts_at ? h('p', { class: 'muted' }, format_time(item.starts_at)) : null,
    late.length ? h('ul', { class: 'late-list', 'aria-label': t('late') }, late.map((entry) =>
      h('li', {}, t(entry.kind, entry.count, format_time(entry.due))))) : null);
}
