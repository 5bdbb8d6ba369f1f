// pg-boss's side of bench/run-peer-bench.sh: JOBS trivial jobs sent one by one (send, each its
// own transaction, CONCURRENCY at once), then a worker fetches them 100 at a time and completes
// each batch, until the database holds JOBS completed jobs.
//
//   node pg_boss_jobs.mjs POSTGRESQL_URL JOBS CONCURRENCY
//
// A pg-boss worker waits for its polling interval after every fetch, jobs found or not (0.5 s at
// the least), unless it is notified. The handler notifies it whenever its batch was full, as our
// dispatcher claims again at once after a full round; otherwise pg-boss would be timed polling.
import PgBoss from "pg-boss";
import { enqueueAll, finishedJobs, handledCounter, parseArguments, report, stopwatch, within } from "./jobs.mjs";

const { url, jobs, concurrency } = parseArguments("pg_boss_jobs.mjs");
const batchSize = 100; // our dispatcher's claims: at most 100 a round
const limitSeconds = 600;

// A connection per enqueueing caller (the default pool has 10).
const boss = new PgBoss({ connectionString: url, max: concurrency });
let bossErrors = 0;
boss.on("error", (error) => {
  if (bossErrors++ === 0) console.error(`pg-boss: ${error.message}`);
});
await boss.start();
await boss.createQueue("noop");

const enqueueTime = stopwatch();
const enqueued = await enqueueAll(jobs, concurrency, async (n) => {
  if ((await boss.send("noop", { n })) === null) throw new Error("send returned no job id");
});
const enqueueSeconds = enqueueTime();

const finished = await finishedJobs(url);
const handled = handledCounter(jobs - enqueued.failures);
let workerId = null;
const processTime = stopwatch();
workerId = await boss.work("noop", { batchSize, pollingIntervalSeconds: 0.5 }, async (batch) => {
  handled.add(batch.length);
  if (batch.length === batchSize) boss.notifyWorker(workerId);
});
await within(handled.reached, limitSeconds, "pg-boss");
await finished.until(
  "SELECT count(*) FROM pgboss.job WHERE name = 'noop' AND state = 'completed'",
  jobs - enqueued.failures,
  limitSeconds,
);
const processSeconds = processTime();
await boss.stop({ graceful: false, wait: true });
await finished.close();

report({
  engine: "pg-boss",
  jobs,
  enqueued: jobs - enqueued.failures,
  enqueue_seconds: enqueueSeconds,
  processed: handled.handled,
  process_seconds: processSeconds,
  failures: enqueued.failures + bossErrors,
  ...(enqueued.firstFailure ? { first_failure: enqueued.firstFailure } : {}),
});
