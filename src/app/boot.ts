/**
 * Starts the page: connects the engine, then opens what the address says —
 * a share link in the fragment (`#1.…`), a gallery lesson (`?scenario=NAME`),
 * or the playground with the user's saved edits. The theme follows the saved
 * choice or the system's.
 */
import playground from '../scenarios/playground.yaml?raw';
import { connect, loadScenario, onAfterCommand, setTheme } from './store/actions';
import { GALLERY, openScenario, OWN_LINK_KEY, scenarioFromFragment, scheduleLinkRefresh } from './store/scenario-actions';
import { useSim } from './store/store';
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
  onAfterCommand(scheduleLinkRefresh);

  const fromLink = await scenarioFromFragment(location.hash);
  let own = false;
  try {
    own = sessionStorage.getItem(OWN_LINK_KEY) === location.hash;
  } catch {
    // no session storage: treat the link as new
  }
  if (fromLink && 'text' in fromLink && (await openScenario(fromLink.text, { source: 'The link', keepEdits: own }))) return;
  if (fromLink && 'error' in fromLink) useSim.setState({ notice: `${fromLink.error} The playground opened its starting scenario instead.` });

  const name = new URLSearchParams(location.search).get('scenario');
  const entry = name ? GALLERY.find((g) => g.name === name) : undefined;
  if (name && !entry) useSim.setState({ notice: `There is no gallery scenario called "${name}".` });
  if (entry && (await openScenario(await entry.load(), { source: entry.name, lesson: true }))) {
    return;
  }
  await loadScenario(playground, { keepEdits: true });
}
