// Batches: steps run in order, each guarded by an optional condition on earlier steps' outcome.
// This is how clients get a transaction in one round trip (BEGIN; stmts if ok; COMMIT if ok;
// ROLLBACK if not ok(COMMIT)), so a failing step must not stop the batch: later steps decide.

import { type HranaError, toHranaError, toStmtError } from "./errors.ts";
import { executeStmt, type StmtResultJson } from "./execute.ts";
import type { BatchCond, BatchStep } from "./protocol.ts";
import type { Stream } from "./streams.ts";

export interface BatchResultJson {
  step_results: (StmtResultJson | null)[];
  step_errors: (HranaError | null)[];
}

function evaluate(cond: BatchCond, result: BatchResultJson, stream: Stream): boolean {
  switch (cond.type) {
    case "ok":
      return result.step_results[cond.step] != null;
    case "error":
      return result.step_errors[cond.step] != null;
    case "not":
      return !evaluate(cond.cond, result, stream);
    case "and":
      return cond.conds.every((c) => evaluate(c, result, stream));
    case "or":
      return cond.conds.some((c) => evaluate(c, result, stream));
    case "is_autocommit":
      return stream.isAutocommit;
  }
}

export async function executeBatch(stream: Stream, steps: BatchStep[]): Promise<BatchResultJson> {
  const result: BatchResultJson = { step_results: [], step_errors: [] };
  for (const step of steps) {
    // Skipped steps leave both entries null.
    let stepResult: StmtResultJson | null = null;
    let stepError: HranaError | null = null;
    if (step.condition === null || evaluate(step.condition, result, stream)) {
      try {
        stepResult = await executeStmt(stream, step.stmt);
      } catch (e) {
        stepError = toHranaError(toStmtError(e));
      }
    }
    result.step_results.push(stepResult);
    result.step_errors.push(stepError);
  }
  return result;
}
