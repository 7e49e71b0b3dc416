/** Starts the scenario again from its manifests with its steps waiting for Next, one at a time. */
import { replayStepByStep } from '../store/scenario-actions';
import { useSim } from '../store/store';

export function ReplayStepsButton({ className }: { className: string }) {
  const busy = useSim((s) => s.busy);
  return (
    <button type="button" className={className} disabled={busy} data-testid="replay-steps" title="Start again from the manifests and run the steps one at a time with Next" onClick={() => void replayStepByStep()}>
      Replay step by step
    </button>
  );
}
