// Every call the page makes to the API: with the signed-in token, JSON in and out, and a
// refusal turned into an Error whose message is the problem's `detail`.
const TOKEN_KEY = 'seminarflow.token';

export function token() { return sessionStorage.getItem(TOKEN_KEY); }
export function remember(value) { sessionStorage.setItem(TOKEN_KEY, value); }
export function forget() { sessionStorage.removeItem(TOKEN_KEY); }

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function call(method, path, { body, headers = {}, bearer = token() } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (bearer) init.headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export const get = (path, options) => call('GET', path, options);

// Every item of a listing, page after page (at most `limit` items).
export async function all(path, limit = 2000) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await get(`${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < limit);
  return items;
}

// A fresh Idempotency-Key: random, from getRandomValues (randomUUID needs a secure context).
export function idempotency_key() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const path_of = (...parts) => '/' + parts.map((p) => encodeURIComponent(p)).join('/');
