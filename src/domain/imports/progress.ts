// A job's progress bar: rows done of the total, the rate of the current run, and the
// time left at that rate. The rate counts only the rows done since the current run
// started, so a job resumed after a restart does not report the downtime as slowness.

export type ProgressInput = {
  /** Rows the job will process (the valid rows). */
  total: number;
  processed: number;
  /** When the current run started, and how many rows were done at that moment. */
  runStartedAt: Date | null;
  runStartProcessed: number;
  finished: boolean;
  now: Date;
};

export type Progress = {
  /** 0–100, whole; 100 only when every row is done. */
  percent: number;
  /** Rows per second in the current run; null until there is something to measure. */
  ratePerSecond: number | null;
  /** Seconds left at that rate; 0 when finished, null when unknown. */
  secondsLeft: number | null;
};

/** Below this the rate is noise (the first rows of a run). */
const MIN_ELAPSED_MS = 500;

export function jobProgress(input: ProgressInput): Progress {
  const total = Math.max(0, input.total);
  const processed = Math.min(total, Math.max(0, input.processed));
  const percent = total === 0 ? 100 : processed === total ? 100 : Math.min(99, Math.floor((processed * 100) / total));
  const ratePerSecond = rateOf(input, processed);
  if (input.finished || processed === total) return { percent, ratePerSecond, secondsLeft: 0 };
  const secondsLeft = ratePerSecond ? Math.ceil((total - processed) / ratePerSecond) : null;
  return { percent, ratePerSecond, secondsLeft };
}

function rateOf(input: ProgressInput, processed: number): number | null {
  if (!input.runStartedAt) return null;
  const elapsed = input.now.getTime() - input.runStartedAt.getTime();
  const done = processed - input.runStartProcessed;
  if (elapsed < MIN_ELAPSED_MS || done <= 0) return null;
  return (done * 1000) / elapsed;
}

/** "12 rows/s", "3.4 rows/s", "0.25 rows/s". */
export function formatRate(ratePerSecond: number | null): string {
  if (ratePerSecond === null || !Number.isFinite(ratePerSecond)) return '—';
  const digits = ratePerSecond >= 10 ? 0 : ratePerSecond >= 1 ? 1 : 2;
  return `${ratePerSecond.toFixed(digits)} rows/s`;
}

/** "about 40 s", "about 3 min", "about 1 h 5 min"; "—" when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds <= 0) return 'none';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds / 5) * 5)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest ? ` ${rest} min` : ''}`;
}
