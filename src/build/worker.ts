/**
 * Worker thread of a large build: checks its share of the files and posts the result back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { checkInputs, type WorkerInput } from "./check.js";

const input = workerData as WorkerInput;
parentPort?.postMessage(checkInputs(input.files, input.options));
