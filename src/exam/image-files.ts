/**
 * Image files for the exam's image task: binary PGM (grey) and PPM (colour), the simplest
 * formats there are, and a folder reader where each sub-folder is a class.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export function writeImageFile(
  file: string,
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
): void {
  const header = Buffer.from(`${channels === 1 ? "P5" : "P6"}\n${width} ${height}\n255\n`, "ascii");
  fs.writeFileSync(file, Buffer.concat([header, Buffer.from(pixels)]));
}

/** Reads a binary PGM/PPM file: its pixels (channels last), size and channel count. */
export function readImageFile(file: string): {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: number;
} {
  const bytes = fs.readFileSync(file);
  const match = /^(P[56])\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString("latin1"));
  if (!match)
    throw new Error(`${file} is not a binary PGM/PPM image (it should start with P5 or P6).`);
  const [head, kind, w, h] = match;
  const channels = kind === "P5" ? 1 : 3;
  const width = Number(w);
  const height = Number(h);
  const pixels = new Uint8Array(
    bytes.subarray(head!.length, head!.length + width * height * channels),
  );
  if (pixels.length !== width * height * channels)
    throw new Error(`${file} is shorter than its header says.`);
  return { pixels, width, height, channels };
}

export interface ImageFolder {
  /** n·size·size·channels bytes, image after image, channels last. */
  images: Uint8Array;
  /** Label = index of the image's folder name in `classNames`. */
  labels: number[];
  /** The sub-folder names, in alphabetical order. */
  classNames: string[];
  n: number;
}

/** Reads `folder/<class>/<image>` files (all the same size) into one array, labels from the folder names. */
export function readImageFolder(folder: string): ImageFolder {
  if (!fs.existsSync(folder)) throw new Error(`No image folder at ${folder}.`);
  const classNames = fs
    .readdirSync(folder)
    .filter((d) => fs.statSync(path.join(folder, d)).isDirectory())
    .sort();
  const chunks: Uint8Array[] = [];
  const labels: number[] = [];
  let shape = "";
  classNames.forEach((name, label) => {
    for (const file of fs.readdirSync(path.join(folder, name)).sort()) {
      const img = readImageFile(path.join(folder, name, file));
      const s = `${img.width}×${img.height}×${img.channels}`;
      if (shape && s !== shape)
        throw new Error(`${path.join(name, file)} is ${s}; the other images are ${shape}.`);
      shape = s;
      chunks.push(img.pixels);
      labels.push(label);
    }
  });
  const images = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    images.set(c, at);
    at += c.length;
  }
  return { images, labels, classNames, n: labels.length };
}
