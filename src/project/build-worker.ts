/**
 * Worker thread of a parallel build: prepares its share of the files and posts the result back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { prepareFiles, type PrepareOptions } from "./prepare.js";

/** What the build posts to a worker. */
export interface WorkerInput {
  files: string[];
  options: PrepareOptions;
}

const input = workerData as WorkerInput;
const result = await prepareFiles(input.files, input.options);
parentPort?.postMessage(result);
