// The progress module lives in ./progress/; this keeps `import ... from "./progress"` working.
export * from "./progress/index";
