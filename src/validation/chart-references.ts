import type { ChartSource } from './chart-render';
export function serviceReferenceProblems(_source: ChartSource, _output: ReadonlyArray<Record<string, any>>, _environment: ReadonlyArray<Record<string, any>>): string[] {
  return [];
}
