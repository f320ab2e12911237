/** Test helper: takes the progress lock like a writer would, then dies without releasing it. */
import { lockSync } from "proper-lockfile";

lockSync(process.argv[2], { realpath: false });
process.kill(process.pid, "SIGKILL");
