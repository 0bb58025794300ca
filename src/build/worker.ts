/**
 * Worker thread of a large build: checks its share of the files, renders their pure formats
 * (prerender.ts) and posts the result back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "../config/load.js";
import { checkInputs, type WorkerInput } from "./check.js";
import { prerender } from "./prerender.js";

const input = workerData as WorkerInput;
const configs = new ConfigResolver(input.options.configFile);
const result = checkInputs(input.files, input.options, configs);
await prerender(result.files, configs, input.options);
parentPort?.postMessage(result);
