// Each workflow drawn as a diagram, in SVG, from GET /v1/workflows/{name}: states in layers by
// their distance from the initial one, transitions as arrows, the current state highlighted.
import { get, path_of } from './api.js';
import { h, show, svg } from './dom.js';
import { t } from './i18n.js';

const NODE = { width: 150, height: 34 };
const GAP = { x: 70, y: 64 };  // x: room for a state's loop back to itself

export async function render_workflows(main) {
  const workflows = await get('/v1/workflows');
  show(main, h('h1', {}, t('workflows')), h('ul', { class: 'plain' }, workflows.items.map((w) =>
    h('li', {}, h('a', { href: `#/workflows/${encodeURIComponent(w.name)}` }, `${w.title} (${w.name})`)))));
}

export async function render_workflow(main, name, highlight) {
  const workflow = await get(path_of('v1', 'workflows', name));
  const edges = edges_of(workflow);
  show(main, h('h1', {}, `${workflow.title} (${workflow.name} v${workflow.version})`),
    highlight ? h('p', {}, `${t('current')}: `, h('span', { class: 'badge' }, highlight)) : null,
    h('div', { class: 'diagram' }, draw(workflow, edges, highlight)),
    h('details', {}, h('summary', {}, t('details')), h('ul', {}, edges.map((e) =>
      h('li', {}, `${e.from} —${e.labels.join(', ')}→ ${e.to}`)))));
}

// One edge per (from, to), naming every event that takes it.
function edges_of(workflow) {
  const edges = new Map();
  for (const state of workflow.states) {
    for (const transition of state.events) {
      const key = `${state.name}\u0000${transition.target}`;
      if (!edges.has(key)) edges.set(key, { from: state.name, to: transition.target, labels: [] });
      edges.get(key).labels.push(transition.event);
    }
  }
  return [...edges.values()];
}

// Layer = shortest distance from the initial state; states it never reaches go last.
function layers_of(workflow, edges) {
  const layer = new Map([[workflow.initial, 0]]);
  const queue = [workflow.initial];
  while (queue.length) {
    const from = queue.shift();
    for (const edge of edges.filter((e) => e.from === from && !layer.has(e.to))) {
      layer.set(edge.to, layer.get(from) + 1);
      queue.push(edge.to);
    }
  }
  const last = Math.max(0, ...layer.values()) + 1;
  const rows = [];
  for (const state of workflow.states) {
    const at = layer.has(state.name) ? layer.get(state.name) : last;
    (rows[at] ||= []).push(state);
  }
  return rows.filter(Boolean);
}

function draw(workflow, edges, highlight) {
  const rows = layers_of(workflow, edges);
  const widest = Math.max(...rows.map((row) => row.length));
  const width = widest * (NODE.width + GAP.x) + GAP.x * 4;
  const height = rows.length * (NODE.height + GAP.y) + GAP.y / 2;
  const position = new Map();
  rows.forEach((row, r) => row.forEach((state, i) => {
    const offset = (width - row.length * (NODE.width + GAP.x)) / 2;
    position.set(state.name, { x: offset + i * (NODE.width + GAP.x) + GAP.x / 2, y: GAP.y / 2 + r * (NODE.height + GAP.y), row: r });
  }));
  const arrows = edges.map((edge) => arrow(position.get(edge.from), position.get(edge.to), edge.labels.join(', ')));
  const nodes = workflow.states.map((state) => {
    const at = position.get(state.name);
    const classes = ['node', state.final ? 'final' : '', state.name === highlight ? 'current' : '',
                     state.name === workflow.initial ? 'initial' : ''].join(' ');
    return svg('g', { class: classes, 'data-state': state.name },
      svg('rect', { x: at.x, y: at.y, width: NODE.width, height: NODE.height, rx: state.final ? 17 : 6 }),
      svg('text', { x: at.x + NODE.width / 2, y: at.y + NODE.height / 2 + 5, 'text-anchor': 'middle' }, state.name));
  });
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, width, role: 'img', 'aria-label': `${t('diagram')}: ${workflow.name}` },
    svg('defs', {}, svg('marker', { id: 'head', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z' }))),
    arrows, nodes);
}

// Downward edges go straight; the others (back to an earlier layer, or along one) bow out to the side.
function arrow(from, to, label) {
  if (!from || !to) return null;
  const start = { x: from.x + NODE.width / 2, y: from.y + NODE.height };
  let d;
  let text;
  if (from === to) {
    const x = from.x + NODE.width, y = from.y + NODE.height / 2;
    d = `M${x},${y - 8} C${x + 40},${y - 30} ${x + 40},${y + 30} ${x},${y + 8}`;
    text = { x: x + 34, y };
  } else if (to.row > from.row) {
    const end = { x: to.x + NODE.width / 2, y: to.y };
    d = `M${start.x},${start.y} L${end.x},${end.y}`;
    text = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  } else {
    const a = { x: from.x + NODE.width, y: from.y + NODE.height / 2 };
    const b = { x: to.x + NODE.width, y: to.y + NODE.height / 2 };
    const bow = Math.max(a.x, b.x) + 50 + Math.abs(from.row - to.row) * 12;
    d = `M${a.x},${a.y} C${bow},${a.y} ${bow},${b.y} ${b.x},${b.y}`;
    text = { x: bow - 10, y: (a.y + b.y) / 2 };
  }
  return svg('g', { class: 'edge' }, svg('path', { d, 'marker-end': 'url(#head)' }),
    svg('text', { x: text.x, y: text.y, 'text-anchor': 'middle' }, label));
}
