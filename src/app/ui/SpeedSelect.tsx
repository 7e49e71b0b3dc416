/** The playback speeds as a select: 0.25× to 64×. */
import { SPEEDS } from '../../protocol/protocol';

export function SpeedSelect({ value, onChange, testId }: { value: number; onChange: (speed: number) => void; testId: string }) {
  return (
    <select className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900" value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
      {SPEEDS.map((s) => (
        <option key={s} value={s}>
          {s}×
        </option>
      ))}
    </select>
  );
}
