import { escapeHtml, newLiveDisplay } from "../notebook/display";

export interface TrainingProgressOptions {
  title?: string;
  /** Total epochs (or steps), for the progress bar. */
  total: number;
  /** Redraw at most every `every` updates (default: about 50 redraws in all). */
  every?: number;
}

export interface TrainingProgress {
  /** Record metrics after epoch `epoch` (0-based) and redraw if due. */
  update(epoch: number, logs: Record<string, number>): void;
  /** A TF.js callback: `model.fit(x, y, { callbacks: progress.callback })`. */
  callback: { onEpochEnd: (epoch: number, logs?: Record<string, number>) => Promise<void> };
  /** Every metric recorded so far, by name. */
  history: Record<string, number[]>;
}

/**
 * A live training display: a progress bar, the latest metrics and a small loss curve that
 * update in place in the notebook. Outside a notebook it prints a line now and then.
 */
export function trainingProgress(options: TrainingProgressOptions): TrainingProgress {
  const display = newLiveDisplay();
  const history: Record<string, number[]> = {};
  const every = options.every ?? Math.max(1, Math.ceil(options.total / 50));
  const started = Date.now();
  const draw = (epoch: number, logs: Record<string, number>) => {
    const done = epoch + 1;
    const pct = Math.min(100, (100 * done) / options.total);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    const metrics = Object.entries(logs)
      .map(([k, v]) => `${k} ${formatMetric(v)}`)
      .join(" · ");
    const text = `${options.title ?? "training"} ${done}/${options.total} (${secs} s) ${metrics}`;
    const html =
      `<div style="font-family:sans-serif;font-size:13px">` +
      `<b>${escapeHtml(options.title ?? "Training")}</b> — ${done}/${options.total} · ${secs} s<br>` +
      `<div style="background:#eee;width:320px;height:10px;margin:4px 0"><div style="background:#4c78a8;width:${pct.toFixed(1)}%;height:10px"></div></div>` +
      `${escapeHtml(metrics)}<br>${sparkline(history)}</div>`;
    display.html(html, text);
  };
  const update = (epoch: number, logs: Record<string, number>) => {
    for (const [k, v] of Object.entries(logs)) {
      history[k] = history[k] ?? [];
      history[k].push(v);
    }
    if ((epoch + 1) % every === 0 || epoch + 1 >= options.total) draw(epoch, logs);
  };
  return {
    update,
    history,
    callback: {
      onEpochEnd: async (epoch, logs) => {
        update(epoch, logs ?? {});
        // Yield so the kernel can send the display update while training continues.
        await new Promise((resolve) => setImmediate(resolve));
      },
    },
  };
}

function formatMetric(v: number): string {
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toFixed(4) : v.toExponential(3);
}

const COLORS = ["#4c78a8", "#f58518", "#54a24b", "#e45756"];

/** A tiny inline SVG of each metric's history (hand-drawn polyline: no chart library needed). */
function sparkline(history: Record<string, number[]>): string {
  const w = 320;
  const h = 80;
  const series = Object.entries(history).filter(([, v]) => v.length > 1);
  const all = series.flatMap(([, v]) => v).filter(Number.isFinite);
  if (all.length === 0) return "";
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const lines = series.map(([name, values], s) => {
    const pts = values
      .map((v, i) => [
        (i / (values.length - 1)) * (w - 4) + 2,
        h - 2 - ((v - lo) / (hi - lo || 1)) * (h - 4),
      ])
      .filter(([, y]) => Number.isFinite(y))
      .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
      .join(" ");
    const color = COLORS[s % COLORS.length];
    return `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts}"><title>${escapeHtml(name)}</title></polyline>`;
  });
  const legend = series
    .map(
      ([name], s) =>
        `<span style="color:${COLORS[s % COLORS.length]}">■ ${escapeHtml(name)}</span>`,
    )
    .join(" ");
  return `<svg width="${w}" height="${h}" style="background:#fafafa">${lines.join("")}</svg><br>${legend}`;
}
