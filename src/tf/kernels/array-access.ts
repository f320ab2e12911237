import type * as tfTypes from "@tensorflow/tfjs";

type TensorInfo = tfTypes.TensorInfo;
type DataId = TensorInfo["dataId"];

/** The numeric arrays our kernels read and write (bool tensors are not used by them). */
export type NumericArray = Float32Array | Int32Array;

/**
 * Typed-array access to a backend's tensors, so the same tight loops run on the pure-JS `cpu`
 * backend (values live in JS arrays) and on `wasm` (values live on the wasm heap).
 */
export interface ArrayAccess {
  /**
   * The values of `t` as a flat row-major array. On wasm this is a view of the heap: take it
   * AFTER every `alloc` of the same kernel call, because growing the heap detaches old views.
   */
  read(t: TensorInfo): NumericArray;
  /** A new zero-filled output tensor and its writable values. */
  alloc(shape: number[], dtype: "float32" | "int32"): { info: TensorInfo; values: NumericArray };
  /** Like `alloc` but not cleared on wasm: for kernels that write every element. */
  allocUncleared(shape: number[], dtype: "float32" | "int32"): TensorInfo;
  /** Frees an intermediate tensor created inside a kernel. */
  dispose(t: TensorInfo): void;
}

/** The parts of tfjs-backend-wasm's BackendWasm that we use (its class type is not exported). */
export interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: DataId, force?: boolean): boolean;
}

/** The parts of tfjs-backend-cpu's MathBackendCPU that we use. */
export interface CpuBackendLike {
  data: { get(dataId: DataId): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: string, values?: NumericArray): TensorInfo;
  disposeIntermediateTensorInfo(t: TensorInfo): void;
}

function numeric(values: unknown, t: TensorInfo): NumericArray {
  if (values instanceof Float32Array || values instanceof Int32Array) return values;
  throw new Error(
    `ml-cert-labs kernels expect float32 or int32 tensors, got ${t.dtype} with shape [${t.shape}].`,
  );
}

/** Array access for the wasm backend: views straight onto the wasm heap (no copies). */
export function wasmAccess(backend: WasmBackendLike): ArrayAccess {
  return {
    read: (t) => numeric(backend.typedArrayFromHeap(t), t),
    alloc(shape, dtype) {
      const info = backend.makeOutput(shape, dtype);
      // wasm's malloc does not clear memory; our kernels accumulate into the output.
      const values = numeric(backend.typedArrayFromHeap(info), info);
      values.fill(0);
      return { info, values };
    },
    allocUncleared: (shape, dtype) => backend.makeOutput(shape, dtype),
    dispose: (t) => {
      backend.disposeData(t.dataId);
    },
  };
}

/** Array access for the pure-JS cpu backend. */
export function cpuAccess(backend: CpuBackendLike): ArrayAccess {
  return {
    read: (t) => numeric(backend.data.get(t.dataId).values, t),
    alloc(shape, dtype) {
      let size = 1;
      for (const d of shape) size *= d;
      const values = dtype === "int32" ? new Int32Array(size) : new Float32Array(size);
      return { info: backend.makeTensorInfo(shape, dtype, values), values };
    },
    allocUncleared(shape, dtype) {
      return this.alloc(shape, dtype).info;
    },
    dispose: (t) => backend.disposeIntermediateTensorInfo(t),
  };
}
