import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "FastAPI + pydantic, MLflow, pandas",
  rows: [
    {
      task: "an HTTP server",
      ours: "Fastify().withTypeProvider<ZodTypeProvider>()",
      python: "app = FastAPI()",
      names: ["fastapi.FastAPI"],
    },
    {
      task: "a route",
      ours: 'app.post("/predict", { schema: { body } }, handler)',
      python: '@app.post("/predict") def predict(body: PredictRequest): …',
    },
    {
      task: "validate the body",
      ours: "predictRequestSchema(nFeatures, maxBatch)  // zod",
      python: "class PredictRequest(BaseModel): rows: conlist(…, max_length=100)",
      note: "FastAPI answers invalid input with 422 by default; this lab uses 400. Either way: 4xx, a message naming the field, the server keeps serving.",
      names: ["pydantic.BaseModel"],
    },
    {
      task: "register a model version",
      ours: "registerModel(root, name, model, { metrics, dataHash })",
      python: 'mlflow.register_model("runs:/<run_id>/model", name)',
      names: ["mlflow.register_model"],
    },
    {
      task: "move an alias",
      ours: 'setAlias(root, name, "champion", version)',
      python: 'MlflowClient().set_registered_model_alias(name, "champion", version)',
      note: "MLflow deprecated stages (Staging/Production) in favour of aliases.",
    },
    {
      task: "load by alias",
      ours: 'loadModel(root, name, { alias: "champion" })',
      python: 'mlflow.pyfunc.load_model(f"models:/{name}@champion")',
    },
    {
      task: "write a file atomically",
      ours: "writeJsonAtomic(file, value)",
      python: "write to a temp file, then os.replace(tmp, file)",
      names: ["os.replace"],
    },
    {
      task: "batch inference, streaming",
      ours: "batchPredictCsv(model, input, output)",
      python: "for chunk in pandas.read_csv(path, chunksize=10_000): …",
      names: ["pandas.read_csv"],
    },
    {
      task: "a load test",
      ours: "autocannon({ url, connections, duration })",
      python: "locust -f locustfile.py  # or wrk, hey",
    },
  ],
};
