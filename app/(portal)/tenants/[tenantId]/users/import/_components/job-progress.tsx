'use client';
// A running job's progress bar: rows done of the total, the rate, the time left. It
// polls a small route handler (one row read) every second while the job runs, and
// refreshes the page when the job has finished, so the result appears by itself —
// after a reload, or after a restart of the portal, too.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { formatDuration, formatRate } from '@/domain/imports/progress';

export type ProgressSnapshot = {
  status: string;
  total: number;
  processed: number;
  percent: number;
  ratePerSecond: number | null;
  secondsLeft: number | null;
  counts: { created: number; updated: number; skipped: number; deleted: number; restored: number; failed: number };
  active: boolean;
  finished: boolean;
};

const POLL_MS = 1_000;

/** `updatedLabel`: what an "updated" row is in this job ("updated" in a bulk add, "blocked" in a bulk block). */
export function JobProgress({ tenantId, jobId, initial, label, updatedLabel = 'updated' }: { tenantId: string; jobId: string; initial: ProgressSnapshot; label: string; updatedLabel?: string }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    if (!initial.active) return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/tenants/${tenantId}/bulk-jobs/${jobId}/progress`, { cache: 'no-store' });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as ProgressSnapshot;
        if (stopped) return;
        setProgress(next);
        setStale(false);
        // Keep asking until the page has swapped this view for the result: a refresh
        // that fails or races the job's last commit must not leave the bar at 100 %.
        if (next.finished) router.refresh();
      } catch {
        if (!stopped) setStale(true);
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [initial.active, jobId, router, tenantId]);

  const { counts } = progress;
  const parts = [
    counts.created && `${counts.created.toLocaleString('en')} created`,
    counts.updated && `${counts.updated.toLocaleString('en')} ${updatedLabel}`,
    counts.deleted && `${counts.deleted.toLocaleString('en')} deleted`,
    counts.restored && `${counts.restored.toLocaleString('en')} restored`,
    counts.skipped && `${counts.skipped.toLocaleString('en')} skipped`,
    counts.failed && `${counts.failed.toLocaleString('en')} failed`,
  ].filter(Boolean);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span id={`${jobId}-label`} className="font-medium text-slate-800">
          {label}
        </span>
        <span className="tabular-nums text-slate-700">
          {progress.processed.toLocaleString('en')} of {progress.total.toLocaleString('en')} rows ({progress.percent}%)
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={`${jobId}-label`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={`${progress.percent}%: ${progress.processed} of ${progress.total} rows`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${progress.percent}%` }} />
      </div>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600" aria-live="polite">
        {progress.active && (
          <>
            <span>Rate: {formatRate(progress.ratePerSecond)}</span>
            <span>Time left: {formatDuration(progress.secondsLeft)}</span>
          </>
        )}
        {parts.length > 0 && <span>{parts.join(', ')}</span>}
        {stale && <span className="text-amber-700">Cannot reach the portal; retrying…</span>}
      </p>
    </div>
  );
}
