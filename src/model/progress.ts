/**
 * A progress report from a long-running stage. `done` and `total` are in the stage's own unit
 * (rows, transactions, nodes); `total` is absent when unknown.
 */
export interface ProgressEvent {
  stage: string;
  done: number;
  total?: number;
  message?: string;
}

/** Receives progress reports. Must not throw. */
export type ProgressHandler = (event: ProgressEvent) => void;
