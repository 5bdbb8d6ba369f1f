// The seminar machine of workflows/seminar.yaml, written in XState v5, timed on the walk in
// bench/seminar_walk.json with XState's pure `transition()` — the counterpart of the C++
// interpreter's decide(definition, instance, event, now).
//
//   node seminar_walk.mjs [N] [path/to/seminar_walk.json]
//
// N decisions (one event = one decision; default 200000), walks repeated from `draft`. Prints one
// JSON line: {"engine":"xstate","decisions":N,"seconds":S,"decisions_per_second":R}.
//
// To be a fair counterpart, every transition does what the YAML engine does: the caller's role,
// the payload (required fields present, each of its declared type, closed lists, no unknown
// field), the `check:` comparisons and the `children:` counts (read from context, set from the
// walk's `assumed_children`), then the effects as data: assign/set into context, and notify,
// spawn, timer schedule/cancel returned as action objects that `transition()` does not execute.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, assign, initialTransition, setup, transition } from 'xstate';

// ── values ───────────────────────────────────────────────────────────────────────────────────

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const ms = (time) => Date.parse(time);

const isType = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isSafeInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  time: (v) => typeof v === 'string' && RFC3339.test(v) && !Number.isNaN(Date.parse(v)),
  vnd: (v) => Number.isSafeInteger(v) && v >= 0,
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

// A payload declaration as in the YAML (`starts_at: time`, `note: string?`,
// `kind: {type: string, one_of: [...]}`), compiled once into what the guard walks through.
function payloadSpec(declaration = {}) {
  const fields = Object.entries(declaration).map(([name, declared]) => {
    const text = typeof declared === 'string' ? declared : declared.type;
    const optional = text.endsWith('?');
    const type = optional ? text.slice(0, -1) : text;
    if (!isType[type]) throw new Error(`unknown type ${type}`);
    const oneOf = typeof declared === 'object' && declared.one_of ? new Set(declared.one_of) : null;
    return { name, optional, test: isType[type], oneOf };
  });
  return { fields, names: new Set(fields.map((field) => field.name)) };
}

const KIND = { type: 'string', one_of: ['hoi_thao', 'toa_dam', 'hoi_nghi', 'tap_huan'] };
const NOMINATION = payloadSpec({
  recipient: 'string',
  recipient_kind: { type: 'string', one_of: ['unit', 'person'] },
  achievement: 'string',
  amount_vnd: 'vnd',
  certificate_kind: { type: 'string', one_of: ['bang_khen', 'giay_khen', 'giay_chung_nhan'] },
});
const UNIT = payloadSpec({ unit: 'string' });
const NONE = payloadSpec({});
const REASON = payloadSpec({ reason: 'string' });
const AMEND = payloadSpec({ venue: 'string?', chair: 'string?', organiser_unit: 'string?', timezone: 'string?' });
const POSTPONE = payloadSpec({ starts_at: 'time', ends_at: 'time', reason: 'string' });
const BUDGET = payloadSpec({ budget_vnd: 'vnd' });
const PROPOSAL = payloadSpec({ unit: 'string', content: 'string', raised_by: 'string' });

const OPEN_DIRECTIVE = ['assigned', 'acknowledged', 'in_progress', 'overdue', 'reported', 'reopened'];

function childCount(context, workflow, states) {
  const counts = context.children[workflow] ?? {};
  let total = 0;
  for (const state of states) total += counts[state] ?? 0;
  return total;
}

// ── guards and effects shared by several states ─────────────────────────────────────────────

// role + payload first, as the engine refuses a caller or a malformed payload before any check.
// Transitions without roles may be sent by admin and the engine ('system') only.
function allowed(roles, spec, ...checks) {
  return and([{ type: 'role', params: { roles: new Set(roles) } }, { type: 'payload', params: spec }, ...checks]);
}

const notify = (template, to = null) => ({ type: 'notify', params: { template, to } });

const pick = (fields) =>
  assign(({ event }) => {
    const changes = {};
    for (const field of fields) if (event.payload[field] !== undefined) changes[field] = event.payload[field];
    return changes;
  });

const inc = (field, by = 1) => assign({ [field]: ({ context }) => context[field] + by });

// Timers as in the YAML: `at` a data field plus an offset, or `after` a duration from entry.
const TIMERS = {
  planned: [{ name: 'not_ready_warning', field: 'starts_at', offset: -3 * DAY, event: 'not_ready' }],
  inviting: [
    { name: 'contributions_deadline', field: 'contributions_due', offset: 0, event: 'contributions_closed' },
    { name: 'not_ready_warning', field: 'starts_at', offset: -3 * DAY, event: 'not_ready' },
  ],
  collecting: [
    { name: 'contributions_deadline', field: 'contributions_due', offset: 0, event: 'contributions_closed' },
    { name: 'not_ready_warning', field: 'starts_at', offset: -3 * DAY, event: 'not_ready' },
  ],
  programme_ready: [
    { name: 'remind_week', field: 'starts_at', offset: -7 * DAY, event: 'remind' },
    { name: 'remind_day', field: 'starts_at', offset: -1 * DAY, event: 'remind' },
    { name: 'open_session', field: 'starts_at', offset: 0, event: 'start' },
  ],
  in_session: [{ name: 'scheduled_end', field: 'ends_at', offset: 0, event: 'end_session' }],
  concluding: [{ name: 'conclusion_reminder', after: 2 * DAY, event: 'conclusion_overdue' }],
  concluded: [{ name: 'follow_up', after: 30 * DAY, event: 'follow_up' }],
};

const scheduleTimers = (state, only = null) => ({
  type: 'scheduleTimers',
  params: ({ context, event }) =>
    TIMERS[state]
      .filter((timer) => !only || only.includes(timer.field))
      .map((timer) => ({
        name: timer.name,
        event: timer.event,
        due: timer.after !== undefined ? ms(event.now) + timer.after : ms(context[timer.field]) + timer.offset,
      })),
});
const cancelTimers = (state) => ({ type: 'cancelTimers', params: { names: TIMERS[state].map((timer) => timer.name) } });
const timed = (state) => ({ entry: [scheduleTimers(state)], exit: [cancelTimers(state)] });

const spawnSubmissions = (due) => ({
  type: 'spawn',
  params: ({ context, event }) => ({
    workflow: 'submission',
    children: event.payload.units.map((unit) => ({
      unit,
      due_at: due === 'payload' ? event.payload.contributions_due : context.contributions_due,
      seminar_title: context.title,
    })),
  }),
});

const spawnDirectives = {
  type: 'spawn',
  params: ({ context, event }) => ({
    workflow: 'directive',
    children: event.payload.units.map((unit) => ({
      unit,
      task: event.payload.directive,
      due_at: event.payload.due_at,
      seminar_title: context.title,
    })),
  }),
};

const spawnProposal = {
  type: 'spawn',
  params: ({ event }) => ({
    workflow: 'proposal',
    children: [{ unit: event.payload.unit, content: event.payload.content, raised_by: event.payload.raised_by }],
  }),
};

const spawnReward = {
  type: 'spawn',
  params: ({ context, event }) => ({
    workflow: 'reward',
    children: [
      {
        recipient: event.payload.recipient,
        recipient_kind: event.payload.recipient_kind,
        achievement: event.payload.achievement,
        amount_vnd: event.payload.amount_vnd,
        certificate_kind: event.payload.certificate_kind,
        occasion: context.title,
      },
    ],
  }),
};

// Events that several states handle the same way.
const amend = {
  guard: allowed(['organiser'], AMEND),
  actions: [pick(['venue', 'chair', 'organiser_unit', 'timezone']), notify('seminar.updated')],
};
const postpone = (state, checks = []) => ({
  guard: allowed(['organiser'], POSTPONE, 'postponeStartsInFuture', 'postponeEndsAfterStart', ...checks),
  actions: [
    pick(['starts_at', 'ends_at']),
    assign({
      postpone_reason: ({ event }) => event.payload.reason,
      postponements: ({ context }) => context.postponements + 1,
    }),
    notify('seminar.postponed'),
    scheduleTimers(state, ['starts_at', 'ends_at']), // timers hanging on the moved dates move
  ],
});
const reviseBudget = {
  guard: allowed(['organiser'], BUDGET, 'budgetCoversApproved'),
  actions: [pick(['budget_vnd'])],
};
const cancel = {
  target: 'cancelled',
  guard: allowed(['organiser'], REASON),
  actions: [assign({ cancel_reason: ({ event }) => event.payload.reason }), notify('seminar.cancelled')],
};
const contributionSubmitted = {
  guard: allowed([], UNIT),
  actions: [inc('contributions_received'), notify('seminar.contribution_received', ['organiser'])],
};
const contributionAccepted = { guard: allowed([], UNIT), actions: [inc('contributions_accepted')] };
const contributionWithdrawn = { guard: allowed([], UNIT), actions: [inc('contributions_accepted', -1)] };
const inviteMore = { guard: allowed(['organiser'], payloadSpec({ units: 'array' })), actions: [spawnSubmissions('data')] };
const contributionsClosed = {
  guard: allowed([], NONE),
  actions: [notify('seminar.contributions_closed', ['organiser'])],
};
const notReady = { guard: allowed([], NONE), actions: [notify('seminar.not_ready', ['chair', 'organiser'])] };
const publishProgramme = {
  target: 'programme_ready',
  guard: allowed(['organiser'], NONE, 'enoughContributions'),
  actions: [notify('seminar.programme_ready')],
};
const recordProposal = {
  guard: allowed(['organiser', 'member'], PROPOSAL),
  actions: [spawnProposal, inc('proposals_recorded')],
};
const proposalSettled = { guard: allowed([], UNIT), actions: [inc('proposals_settled')] };
const nominate = { guard: allowed(['organiser'], NOMINATION, 'withinBudget'), actions: [spawnReward] };
const rewardApproved = {
  guard: allowed([], payloadSpec({ amount_vnd: 'vnd' })),
  actions: [
    assign({ rewards_approved_vnd: ({ context, event }) => context.rewards_approved_vnd + event.payload.amount_vnd }),
  ],
};

// ── the machine ──────────────────────────────────────────────────────────────────────────────

export const seminar = setup({
  guards: {
    role: ({ event }, { roles }) => event.role === 'admin' || event.role === 'system' || roles.has(event.role),
    payload: ({ event }, { fields, names }) => {
      const payload = event.payload;
      for (const name in payload) if (!names.has(name)) return false;
      for (const field of fields) {
        const value = payload[field.name];
        if (value === undefined) {
          if (!field.optional) return false;
          continue;
        }
        if (!field.test(value)) return false;
        if (field.oneOf && !field.oneOf.has(value)) return false;
      }
      return true;
    },
    // check: payload.starts_at > now
    startsInFuture: ({ event }) => ms(event.payload.starts_at) > ms(event.now),
    // check: payload.ends_at > payload.starts_at
    endsAfterStart: ({ event }) => ms(event.payload.ends_at) > ms(event.payload.starts_at),
    // check: payload.min_contributions >= 0
    minContributionsValid: ({ event }) => event.payload.min_contributions >= 0,
    // check: payload.contributions_due > now; check: payload.contributions_due < starts_at
    contributionsDueInFuture: ({ event }) => ms(event.payload.contributions_due) > ms(event.now),
    contributionsDueBeforeStart: ({ context, event }) => ms(event.payload.contributions_due) < ms(context.starts_at),
    postponeStartsInFuture: ({ event }) => ms(event.payload.starts_at) > ms(event.now),
    postponeEndsAfterStart: ({ event }) => ms(event.payload.ends_at) > ms(event.payload.starts_at),
    // check: contributions_due < payload.starts_at
    contributionsStillBeforeStart: ({ context, event }) => ms(context.contributions_due) < ms(event.payload.starts_at),
    // check: payload.budget_vnd >= rewards_approved_vnd
    budgetCoversApproved: ({ context, event }) => event.payload.budget_vnd >= context.rewards_approved_vnd,
    // check: rewards_approved_vnd + payload.amount_vnd <= budget_vnd
    withinBudget: ({ context, event }) => context.rewards_approved_vnd + event.payload.amount_vnd <= context.budget_vnd,
    // children: {workflow: submission, in: [accepted, scheduled], min: min_contributions}
    enoughContributions: ({ context }) =>
      childCount(context, 'submission', ['accepted', 'scheduled']) >= context.min_contributions,
    // children: {workflow: proposal, in: [recorded], max: 0}
    noUnansweredProposals: ({ context }) => childCount(context, 'proposal', ['recorded']) <= 0,
    // check: payload.due_at > now
    dueInFuture: ({ event }) => ms(event.payload.due_at) > ms(event.now),
    // children: directive in the open states max 0; reward in [nominated, evaluated] max 0
    directivesSettled: ({ context }) => childCount(context, 'directive', OPEN_DIRECTIVE) <= 0,
    rewardsDecided: ({ context }) => childCount(context, 'reward', ['nominated', 'evaluated']) <= 0,
  },
  actions: {
    // Effects are data for the runtime: transition() returns them without running them.
    notify: () => {},
    spawn: () => {},
    scheduleTimers: () => {},
    cancelTimers: () => {},
  },
}).createMachine({
  id: 'seminar',
  initial: 'draft',
  context: ({ input }) => ({
    title: input.title,
    kind: undefined,
    starts_at: undefined,
    ends_at: undefined,
    venue: undefined,
    chair: undefined,
    organiser_unit: undefined,
    timezone: undefined,
    min_contributions: undefined,
    units: undefined,
    contributions_due: undefined,
    contributions_received: undefined,
    contributions_accepted: undefined,
    opening_speaker: undefined,
    opening_report_url: undefined,
    proposals_recorded: undefined,
    proposals_settled: undefined,
    conclusion: undefined,
    directives_done: undefined,
    escalated_unit: undefined,
    escalated_task: undefined,
    budget_vnd: undefined,
    rewards_approved_vnd: undefined,
    postponements: undefined,
    postpone_reason: undefined,
    cancel_reason: undefined,
    children: input.children, // child counts by workflow and state, as the store would report them
  }),
  states: {
    draft: {
      on: {
        plan: {
          target: 'planned',
          guard: allowed(
            ['organiser'],
            payloadSpec({
              kind: KIND,
              starts_at: 'time',
              ends_at: 'time',
              venue: 'string',
              chair: 'string',
              organiser_unit: 'string',
              min_contributions: 'integer',
              budget_vnd: 'vnd',
            }),
            'startsInFuture',
            'endsAfterStart',
            'minContributionsValid',
          ),
          actions: [
            pick(['kind', 'starts_at', 'ends_at', 'venue', 'chair', 'organiser_unit', 'min_contributions', 'budget_vnd']),
            assign({
              timezone: 'Asia/Ho_Chi_Minh',
              rewards_approved_vnd: 0,
              postponements: 0,
              contributions_received: 0,
              contributions_accepted: 0,
              proposals_recorded: 0,
              proposals_settled: 0,
              directives_done: 0,
            }),
            notify('seminar.planned', ['chair', 'organiser']),
          ],
        },
        rename: { guard: allowed(['organiser'], payloadSpec({ title: 'string' })), actions: [pick(['title'])] },
        cancel: {
          target: 'cancelled',
          guard: allowed(['organiser'], REASON),
          actions: [assign({ cancel_reason: ({ event }) => event.payload.reason })],
        },
      },
    },
    planned: {
      ...timed('planned'),
      on: {
        invite: {
          target: 'inviting',
          guard: allowed(
            ['organiser'],
            payloadSpec({ units: 'array', contributions_due: 'time' }),
            'contributionsDueInFuture',
            'contributionsDueBeforeStart',
          ),
          actions: [
            pick(['units', 'contributions_due']),
            spawnSubmissions('payload'),
            notify('seminar.invitations_sent', ['organiser']),
          ],
        },
        publish_programme: publishProgramme,
        not_ready: notReady,
        amend,
        postpone: postpone('planned'),
        revise_budget: reviseBudget,
        cancel,
      },
    },
    inviting: {
      ...timed('inviting'),
      on: {
        contribution_submitted: { ...contributionSubmitted, target: 'collecting' },
        contribution_accepted: contributionAccepted,
        contribution_withdrawn: contributionWithdrawn,
        invite_more: inviteMore,
        open_collection: { target: 'collecting', guard: allowed(['organiser'], NONE) },
        contributions_closed: contributionsClosed,
        not_ready: notReady,
        amend,
        postpone: postpone('inviting', ['contributionsStillBeforeStart']),
        revise_budget: reviseBudget,
        cancel,
      },
    },
    collecting: {
      ...timed('collecting'),
      on: {
        contribution_submitted: contributionSubmitted,
        contribution_accepted: contributionAccepted,
        contribution_withdrawn: contributionWithdrawn,
        invite_more: inviteMore,
        publish_programme: publishProgramme,
        contributions_closed: contributionsClosed,
        not_ready: notReady,
        amend,
        postpone: postpone('collecting', ['contributionsStillBeforeStart']),
        revise_budget: reviseBudget,
        cancel,
      },
    },
    programme_ready: {
      ...timed('programme_ready'),
      on: {
        remind: { guard: allowed([], NONE), actions: [notify('seminar.reminder')] },
        start: {
          target: 'in_session',
          guard: allowed(['organiser'], NONE),
          actions: [notify('seminar.started', ['chair', 'organiser'])],
        },
        reopen_collection: { target: 'collecting', guard: allowed(['organiser'], NONE) },
        contribution_submitted: contributionSubmitted,
        contribution_accepted: contributionAccepted,
        contribution_withdrawn: {
          ...contributionWithdrawn,
          actions: [inc('contributions_accepted', -1), notify('seminar.contribution_withdrawn', ['organiser'])],
        },
        amend,
        postpone: postpone('programme_ready'),
        revise_budget: reviseBudget,
        cancel,
      },
    },
    in_session: {
      ...timed('in_session'),
      on: {
        record_opening_report: {
          guard: allowed(['organiser'], payloadSpec({ speaker: 'string', document_url: 'string' })),
          actions: [
            assign({
              opening_speaker: ({ event }) => event.payload.speaker,
              opening_report_url: ({ event }) => event.payload.document_url,
            }),
          ],
        },
        record_proposal: recordProposal,
        proposal_settled: proposalSettled,
        contribution_submitted: { guard: allowed([], UNIT), actions: [inc('contributions_received')] },
        contribution_accepted: contributionAccepted,
        contribution_withdrawn: contributionWithdrawn,
        nominate,
        reward_approved: rewardApproved,
        revise_budget: reviseBudget,
        end_session: {
          target: 'concluding',
          guard: allowed(['organiser'], NONE),
          actions: [notify('seminar.session_ended', ['chair', 'organiser'])],
        },
      },
    },
    concluding: {
      ...timed('concluding'),
      on: {
        record_proposal: recordProposal,
        proposal_settled: proposalSettled,
        conclusion_overdue: {
          guard: allowed([], NONE),
          actions: [notify('seminar.conclusion_overdue', ['chair', 'organiser'])],
        },
        nominate,
        reward_approved: rewardApproved,
        revise_budget: reviseBudget,
        conclude: {
          target: 'concluded',
          guard: allowed(
            ['organiser'],
            payloadSpec({ conclusion: 'string', directive: 'string', units: 'array', due_at: 'time' }),
            'noUnansweredProposals',
            'dueInFuture',
          ),
          actions: [pick(['conclusion']), spawnDirectives, notify('seminar.concluded')],
        },
      },
    },
    concluded: {
      ...timed('concluded'),
      on: {
        issue_directive: {
          guard: allowed(['organiser'], payloadSpec({ directive: 'string', units: 'array', due_at: 'time' }), 'dueInFuture'),
          actions: [spawnDirectives],
        },
        directive_done: { guard: allowed([], UNIT), actions: [inc('directives_done')] },
        directive_escalated: {
          guard: allowed([], payloadSpec({ unit: 'string', task: 'string' })),
          actions: [
            assign({
              escalated_unit: ({ event }) => event.payload.unit,
              escalated_task: ({ event }) => event.payload.task,
            }),
            notify('seminar.directive_escalated', ['chair']),
          ],
        },
        follow_up: { guard: allowed([], NONE), actions: [notify('seminar.follow_up', ['chair', 'organiser'])] },
        nominate,
        reward_approved: rewardApproved,
        revise_budget: reviseBudget,
        close: {
          target: 'closed',
          guard: allowed(['organiser'], NONE, 'directivesSettled', 'rewardsDecided'),
          actions: [notify('seminar.closed', ['chair', 'organiser'])],
        },
      },
    },
    closed: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

// ── the benchmark ────────────────────────────────────────────────────────────────────────────

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const n = Number(process.argv[2] ?? 200_000);
  if (!Number.isSafeInteger(n) || n <= 0) {
    console.error('usage: node seminar_walk.mjs [N decisions > 0] [walk.json]');
    process.exit(2);
  }
  const walkPath = resolve(process.argv[3] ?? resolve(here, '..', 'seminar_walk.json'));
  const walk = JSON.parse(readFileSync(walkPath, 'utf8'));
  const input = { ...walk.initial_data, children: walk.assumed_children };
  // Events are built once, outside the timing: `now` is the walk's decision time.
  const events = walk.events.map((step) => ({ type: step.type, role: step.role, payload: step.payload, now: step.at }));

  // Check the walk once, untimed: every event must be taken (XState ignores a refused one
  // silently), and the state after it must be the one the walk expects.
  let [snapshot] = initialTransition(seminar, input);
  events.forEach((event, index) => {
    if (!snapshot.can(event)) {
      throw new Error(`event ${index} '${event.type}' refused in state '${snapshot.value}'`);
    }
    [snapshot] = transition(seminar, snapshot, event);
    const expected = walk.expected_states?.[index];
    if (expected && snapshot.value !== expected) {
      throw new Error(`after event ${index} '${event.type}': state '${snapshot.value}', expected '${expected}'`);
    }
  });
  if (snapshot.value !== (walk.expected_final_state ?? 'closed')) {
    throw new Error(`the walk ends in '${snapshot.value}'`);
  }

  // Restarting from draft (initialTransition) is timed but is not a decision.
  const run = (decisions) => {
    let done = 0;
    while (done < decisions) {
      let [state] = initialTransition(seminar, input);
      for (let i = 0; i < events.length && done < decisions; ++i, ++done) {
        [state] = transition(seminar, state, events[i]);
      }
    }
  };
  run(Math.min(n, 20_000)); // warm-up for the JIT

  const started = process.hrtime.bigint();
  run(n);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    JSON.stringify({
      engine: 'xstate',
      decisions: n,
      seconds: Number(seconds.toFixed(6)),
      decisions_per_second: Math.round(n / seconds),
    }),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
