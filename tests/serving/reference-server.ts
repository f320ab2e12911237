/**
 * Runs the reference solution's inference server as its own process, for
 * tests/serving/mixed-traffic.test.ts: two model versions in a fresh registry (the champion
 * alias moves between them on every POST /reload), port 0 on 127.0.0.1, the port printed as
 * `PORT <n>` on stdout, and a clean shutdown on SIGTERM (app.close(), exit code 0).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  buildServer,
  loadModel,
  registerModel,
  type SoftmaxModel,
  setAlias,
} from "../../solutions/17-serving";

async function main() {
  const models = JSON.parse(process.argv[2] ?? "[]") as SoftmaxModel[];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-labs-17-server-"));
  for (const model of models) registerModel(root, "wine", model, { metrics: {}, dataHash: "-" });
  setAlias(root, "wine", "champion", 1);
  let loads = 0;
  const app = await buildServer({
    maxBatch: 32,
    load: async () => {
      // Every reload promotes the next version (1 → 2 → 1 …), as a deploy would move the alias.
      if (loads++ > 0) setAlias(root, "wine", "champion", (loads % models.length) + 1);
      await new Promise((r) => setTimeout(r, 20));
      const { entry, model } = loadModel(root, "wine", { alias: "champion" });
      return { version: entry.version, model };
    },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  process.stdout.write(`PORT ${typeof address === "object" && address ? address.port : 0}\n`);
  process.once("SIGTERM", () => {
    app
      .close()
      .then(() => {
        fs.rmSync(root, { recursive: true, force: true });
        process.exit(0);
      })
      .catch(() => process.exit(1));
  });
}

main().catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
