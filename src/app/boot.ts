/**
 * Starts the page: connects the engine, loads the starting scenario and
 * plays it. The theme follows the saved choice or the system's.
 */
import playground from '../scenarios/playground.yaml?raw';
import { connect, loadScenario, setTheme } from './store/actions';
import { installTestBridge } from './testing/bridge';

export async function boot(): Promise<void> {
  let theme: 'light' | 'dark' = window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  try {
    const saved = window.localStorage.getItem('sts-playground:theme');
    if (saved === 'light' || saved === 'dark') theme = saved;
  } catch {
    // storage not allowed
  }
  setTheme(theme);
  installTestBridge();
  await connect();
  await loadScenario(playground);
}
