import type { ChartSource } from './chart-render';
export interface IntendedResult { readonly setting: string; readonly found: boolean; readonly problem?: string }
export function intendedSettings(_source: ChartSource, _output: ReadonlyArray<Record<string, any>>, _environment: ReadonlyArray<Record<string, any>>): IntendedResult[] {
  return [];
}
