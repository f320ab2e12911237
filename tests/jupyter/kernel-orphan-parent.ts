/**
 * Test helper: start a kernel, print its pid and connection file, then wait forever. The test SIGKILLs this
 * process and checks that the kernel notices and exits (no orphan).
 */
import { TslabKernel } from "../../src/jupyter/tslab-kernel";

TslabKernel.start().then((kernel) => {
  console.log(`kernel-pid ${kernel.pid} ${kernel.connectionFile}`);
  setInterval(() => {}, 60_000);
});
