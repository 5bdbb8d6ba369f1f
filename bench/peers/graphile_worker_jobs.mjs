// graphile-worker's side of bench/run-peer-bench.sh: JOBS trivial jobs added one by one
// (addJob, each its own transaction, CONCURRENCY at once), then a worker (64 jobs at once) runs
// them until the database holds none (graphile-worker deletes a job once it is complete).
//
//   node graphile_worker_jobs.mjs POSTGRESQL_URL JOBS CONCURRENCY [batched]
//
// "batched" turns on what graphile-worker offers for throughput and what our dispatcher does
// too: jobs fetched 100 at a time into a local queue (localQueue.size) and completions written
// together (completeJobBatchDelay 0). Without it, every job is fetched and completed on its own,
// the library's default.
import { EventEmitter } from "node:events";
import { Logger, makeWorkerUtils, run } from "graphile-worker";
import { enqueueAll, finishedJobs, handledCounter, parseArguments, report, stopwatch, within } from "./jobs.mjs";

const { url, jobs, concurrency } = parseArguments("graphile_worker_jobs.mjs");
const batched = process.argv[5] === "batched";
const jobsAtOnce = 64; // our dispatcher's max_in_flight
const limitSeconds = 600;

// Warnings and errors to stderr; stdout carries the result only.
const logger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`graphile-worker ${level}: ${message}`);
});

// A connection per enqueueing caller, and the worker's pool as its documentation advises
// (concurrency + 2): neither waits for a connection.
const utils = await makeWorkerUtils({ connectionString: url, logger, maxPoolSize: concurrency });
await utils.migrate();
const enqueueTime = stopwatch();
const enqueued = await enqueueAll(jobs, concurrency, (n) => utils.addJob("noop", { n }));
const enqueueSeconds = enqueueTime();
await utils.release();

const finished = await finishedJobs(url);
const handled = handledCounter(jobs - enqueued.failures);
const events = new EventEmitter();
let jobFailures = 0;
events.on("job:error", ({ error }) => {
  if (jobFailures++ === 0) console.error(`graphile-worker: a job failed: ${error}`);
});
const processTime = stopwatch();
const runner = await run({
  connectionString: url,
  logger,
  events,
  concurrency: jobsAtOnce,
  maxPoolSize: jobsAtOnce + 2,
  noHandleSignals: true,
  taskList: { noop: async () => handled.add(1) },
  preset: batched ? { worker: { localQueue: { size: 100 }, completeJobBatchDelay: 0 } } : {},
});
await within(handled.reached, limitSeconds, "graphile-worker");
await finished.until("SELECT count(*) FROM graphile_worker._private_jobs", 0, limitSeconds);
const processSeconds = processTime();
await runner.stop();
await finished.close();

report({
  engine: batched ? "graphile-worker (batched)" : "graphile-worker",
  jobs,
  enqueued: jobs - enqueued.failures,
  enqueue_seconds: enqueueSeconds,
  processed: handled.handled,
  process_seconds: processSeconds,
  failures: enqueued.failures + jobFailures,
  ...(enqueued.firstFailure ? { first_failure: enqueued.firstFailure } : {}),
});
