/** Test helper: takes the progress lock like a writer would (its lock folder), then dies without releasing it. */
import * as fs from "node:fs";

fs.mkdirSync(`${process.argv[2]}.lock`);
process.kill(process.pid, "SIGKILL");
