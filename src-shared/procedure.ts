/** One bridge procedure: the zod schema of its input and of its output (src-shared/bridge.ts merges every area's). */
import { z } from 'zod';
import type { ProcedureName } from './bridge-channels';

export const empty = z.object({}).strict();


export interface ProcedureDefinition {
  input: z.ZodType;
  output: z.ZodType;
}


export function procedure<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/** One area's procedures: names from the channel list, each with its schemas. */
export type AreaProcedures = Partial<Record<ProcedureName, ProcedureDefinition>>;
