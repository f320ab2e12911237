/**
 * Faster kernels for the pure-JS `cpu` backend (the fallback when wasm cannot load). The stock
 * versions of these read every element through a generic accessor (Conv2DBackpropFilter is
 * ~90% of a CNN step) or, for UnsortedSegmentSum, do one full pass per vocabulary entry.
 */
import { type ArrayAccess, type CpuBackendLike, cpuAccess } from "./array-access";
import { adamPatch } from "./fused-adam";
import {
  conv2dFilterGradKernel,
  depthwiseFilterGradKernel,
  depthwiseInputGradKernel,
  gatherKernel,
  maxPoolGradKernel,
  segmentSumKernel,
  sliceKernel,
  splitKernel,
  unpackKernel,
} from "./js-kernels";
import type { KernelPatch } from "./kernel-registry";
import { reluGradPatch } from "./relu-grad";
import { rnnCellPatches } from "./rnn-cells";
import { rnnSequencePatches } from "./rnn-sequence";

const access = (backend: object): ArrayAccess => cpuAccess(backend as CpuBackendLike);

/** Everything we change on the cpu backend. */
export const cpuPatches: KernelPatch[] = [
  {
    kernelName: "Conv2DBackpropFilter",
    mode: "replace",
    make: (stock) => conv2dFilterGradKernel(access, stock),
  },
  { kernelName: "UnsortedSegmentSum", mode: "replace", make: () => segmentSumKernel(access) },
  { kernelName: "MaxPoolGrad", mode: "replace", make: () => maxPoolGradKernel(access) },
  {
    kernelName: "DepthwiseConv2dNativeBackpropFilter",
    mode: "replace",
    make: () => depthwiseFilterGradKernel(access),
  },
  {
    kernelName: "DepthwiseConv2dNativeBackpropInput",
    mode: "replace",
    make: () => depthwiseInputGradKernel(access),
  },
  { kernelName: "Slice", mode: "replace", make: (stock) => sliceKernel(access, stock) },
  { kernelName: "SplitV", mode: "replace", make: (stock) => splitKernel(access, stock) },
  { kernelName: "Unpack", mode: "replace", make: (stock) => unpackKernel(access, stock) },
  { kernelName: "GatherV2", mode: "replace", make: (stock) => gatherKernel(access, stock) },
  ...rnnCellPatches(access),
  adamPatch(access),
  reluGradPatch(access),
  ...rnnSequencePatches(access),
];
