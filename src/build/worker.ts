/**
 * Worker thread of a large build: loads the checker and the renderers as soon as it starts, then
 * takes batches of the job's files from the shared counter (threads.ts), checks them, renders
 * their pure formats and posts the results back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "../config/load.js";
import { Prerenderer } from "./prerender.js";
import { claimBatches, type WorkerJob, type WorkerStart } from "./threads.js";

const start = workerData as WorkerStart;
const prerenderer = new Prerenderer(start.prerender);
const warming = prerenderer.warm();

parentPort?.once("message", (job: WorkerJob) => {
  void (async () => {
    await warming;
    const configs = new ConfigResolver(job.options.configFile);
    const done = await claimBatches(job.files, job.options, new Int32Array(job.counter), configs, prerenderer);
    await prerenderer.close();
    parentPort?.postMessage(done);
  })();
});
