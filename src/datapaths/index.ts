export * from './model';
export { proveDataPaths, provePath, countResults } from './prove';
export type { PathReport, PathResult } from './prove';
export { pathProblems, pathRows, pathSummary, pathTableMarkdown, pathTableText } from './table';
export { meshFacts } from './mesh';
export { RenderIndex } from './render-index';
export { dataPaths } from './paths';
