// What the peers' job benchmarks share with each other and with bench/outbox_jobs_bench: the
// arguments (URL JOBS CONCURRENCY), enqueueing with at most CONCURRENCY calls under way, waiting
// until the database says every job is finished, and the JSON line printed at the end.
import pg from "pg";

export function parseArguments(script) {
  const [url, jobs, concurrency] = process.argv.slice(2);
  if (!url || !(Number(jobs) > 0) || !(Number(concurrency) > 0)) {
    console.error(`usage: node ${script} POSTGRESQL_URL JOBS CONCURRENCY`);
    process.exit(2);
  }
  return { url, jobs: Number(jobs), concurrency: Number(concurrency) };
}

export function stopwatch() {
  const start = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - start) / 1e9;
}

// call(0) ... call(calls - 1), at most `atOnce` under way: as many callers as our enqueueing
// threads, each waiting for its own commit. Returns how many failed, and the first failure.
export async function enqueueAll(calls, atOnce, call) {
  let next = 0;
  const result = { failures: 0, firstFailure: null };
  const lane = async () => {
    while (next < calls) {
      try {
        await call(next++);
      } catch (error) {
        if (result.failures++ === 0) result.firstFailure = String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, calls) }, lane));
  return result;
}

// Counts the jobs the handler was given; `reached` resolves once there are `expected`.
export function handledCounter(expected) {
  let handled = 0;
  let resolve;
  const reached = new Promise((done) => (resolve = done));
  return {
    add(count) {
      handled += count;
      if (handled >= expected) resolve();
    },
    get handled() {
      return handled;
    },
    reached,
  };
}

// A connection of its own, opened before the timing starts, that asks the database how many jobs
// are finished: a handler having run says nothing of the commit that marks its job done.
export async function finishedJobs(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async until(query, expected, limitSeconds = 600) {
      const deadline = Date.now() + limitSeconds * 1000;
      for (;;) {
        const { rows } = await client.query(query);
        const seen = Number(Object.values(rows[0])[0]);
        if (seen === expected) return seen;
        if (Date.now() > deadline) throw new Error(`after ${limitSeconds} s the database still says ${seen}, not ${expected}`);
        await new Promise((wake) => setTimeout(wake, 5));
      }
    },
    close: () => client.end(),
  };
}

// Times out after `limitSeconds` instead of waiting forever for jobs that never come.
export function within(promise, limitSeconds, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${limitSeconds} s`)), limitSeconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function report(fields) {
  process.stdout.write(JSON.stringify(fields) + "\n");
}
