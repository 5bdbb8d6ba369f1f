// The shell: sign-in, the menu, the language switch, and the hash routes to each view.
import { ApiError, forget, get, remember, token } from './api.js';
import { h, show } from './dom.js';
import { current_language, switch_language, t } from './i18n.js';
import { render_board } from './board.js';
import { render_event } from './event.js';
import { render_workflow, render_workflows } from './diagram.js';
import { render_deliveries } from './deliveries.js';

const main = document.getElementById('main');
let me = null;  // GET /v1/me: who the token is

const ROUTES = [
  [/^#?\/?$/, () => render_board(main)],
  [/^#\/events\/([^/]+)$/, (id) => render_event(main, decodeURIComponent(id), me)],
  [/^#\/workflows$/, () => render_workflows(main)],
  [/^#\/workflows\/([^/]+)(?:\/([^/]+))?$/, (name, state) =>
    render_workflow(main, decodeURIComponent(name), state && decodeURIComponent(state))],
  [/^#\/deliveries$/, () => render_deliveries(main)],
];

function render_chrome() {
  document.documentElement.lang = current_language();
  document.querySelector('.skip').textContent = t('skip');
  document.getElementById('language').textContent = t('language');
  const sign_out = document.getElementById('sign-out');
  sign_out.textContent = t('sign_out');
  sign_out.hidden = !me;
  document.getElementById('who').textContent = me ? t('who', me.name, me.role) : '';
  const links = [['#/', 'board'], ['#/workflows', 'workflows'], ['#/deliveries', 'deliveries']];
  const here = location.hash || '#/';
  show(document.getElementById('nav'), me ? links.map(([href, key]) => h('a', {
    href, 'aria-current': (href === '#/' ? here === '#/' || here.startsWith('#/events') : here.startsWith(href)) ? 'page' : null,
  }, t(key))) : []);
}

function render_sign_in(message) {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true,
                             spellcheck: 'false', 'aria-describedby': 'token-help' });
  const error = h('p', { class: 'error', role: 'alert' }, message || '');
  const form = h('form', { class: 'card sign-in', onsubmit: async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    try {
      me = await who_is(value);
      remember(value);
      input.value = '';
      route();
    } catch (failure) {
      error.textContent = failure instanceof ApiError && failure.status === 401 ? t('token_refused') : failure.message;
      input.focus();
    }
  } },
  h('h1', {}, t('sign_in')),
  h('label', { for: 'token' }, t('token')), input,
  h('p', { id: 'token-help', class: 'muted' }, t('token_help')),
  error,
  h('button', { type: 'submit' }, t('sign_in')));
  show(main, form);
  input.focus();
}

// Who the token speaks for; it never goes back on the page.
async function who_is(value) {
  return get('/v1/me', { bearer: value });
}

async function route() {
  render_chrome();
  if (!token()) return render_sign_in();
  try {
    if (!me) me = await who_is(token());
    render_chrome();
    // Only `#/...` names a view: `#main` (the skip link) is an anchor in the page.
    const hash = location.hash.startsWith('#/') ? location.hash : '#/';
    for (const [pattern, view] of ROUTES) {
      const match = hash.match(pattern);
      if (match) return await view(...match.slice(1));
    }
    show(main, h('p', {}, t('not_found')), h('a', { href: '#/' }, t('back')));
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401) {
      forget();
      me = null;
      render_chrome();
      return render_sign_in(t('token_refused'));
    }
    show(main, h('p', { class: 'error', role: 'alert' }, `${t('error')}: ${failure.message}`));
  }
}

document.getElementById('language').addEventListener('click', () => { switch_language(); route(); });
document.getElementById('sign-out').addEventListener('click', () => {
  forget();
  me = null;
  location.hash = '#/';
  route();
});
window.addEventListener('hashchange', () => {
  if (location.hash && !location.hash.startsWith('#/')) return;
  route();
  main.focus({ preventScroll: true });
});
route();
