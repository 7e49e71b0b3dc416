/**
 * Starts the page: connects the engine, then opens what the address says —
 * a share link in the fragment (`#1.…`), a gallery lesson (`?scenario=NAME`),
 * or the playground with the user's saved edits. The theme follows the
 * address, the saved choice or the system's. In embed mode (`?embed`) the
 * page also answers its host through the postMessage API.
 */
import playground from '../scenarios/playground.yaml?raw';
import type { EmbedConfig } from './embed/config';
import { embedConfig } from './embed/current';
import { installEmbedApi } from './embed/host-api';
import { connect, loadScenario, onAfterCommand, setPersistence, setSpeed, setTheme } from './store/actions';
import { GALLERY, openScenario, OWN_LINK_KEY, scenarioFromFragment, scheduleLinkRefresh } from './store/scenario-actions';
import { useSim } from './store/store';
import { installTestBridge } from './testing/bridge';

export async function boot(config: EmbedConfig = embedConfig): Promise<void> {
  if (config.embed) setPersistence(false);
  let theme: 'light' | 'dark' = window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  try {
    const saved = config.embed ? null : window.localStorage.getItem('sts-playground:theme');
    if (saved === 'light' || saved === 'dark') theme = saved;
  } catch {
    // storage not allowed
  }
  if (config.theme) useSim.setState({ theme: config.theme });
  else setTheme(theme);
  installTestBridge();
  // Listening starts now so that a host's first messages wait for the scenario instead of being lost.
  const api = config.embed ? installEmbedApi(config) : null;
  await connect();
  onAfterCommand(scheduleLinkRefresh);

  await openFirstScenario(config);
  if (config.speed !== null) setSpeed(config.speed);
  if (config.notices.length) {
    const notice = useSim.getState().notice;
    useSim.setState({ notice: [notice, `The embed address has problems: ${config.notices.join(' ')}`].filter(Boolean).join(' ') });
  }
  api?.start();
}

async function openFirstScenario(config: EmbedConfig): Promise<void> {
  const play = config.autoplay;
  const fromLink = await scenarioFromFragment(location.hash);
  let own = false;
  try {
    own = !config.embed && sessionStorage.getItem(OWN_LINK_KEY) === location.hash;
  } catch {
    // no session storage: treat the link as new
  }
  if (fromLink && 'text' in fromLink) {
    if (await openScenario(fromLink.text, { source: 'The link', keepEdits: own, lesson: config.lesson ?? false, play })) return;
    const said = useSim.getState().notice ?? 'The link could not be opened';
    useSim.setState({ notice: `${said}${/[.!?]$/.test(said) ? '' : '.'} The playground opened its starting scenario instead.` });
  }
  if (fromLink && 'error' in fromLink) useSim.setState({ notice: `${fromLink.error} The playground opened its starting scenario instead.` });

  const name = new URLSearchParams(location.search).get('scenario');
  const entry = name ? GALLERY.find((g) => g.name === name) : undefined;
  if (name && !entry) useSim.setState({ notice: `There is no gallery scenario called "${name.slice(0, 80)}".` });
  if (entry && (await openScenario(await entry.load(), { source: entry.name, lesson: config.lesson ?? entry.name !== 'playground', play }))) {
    return;
  }
  await loadScenario(playground, { keepEdits: !config.embed, play });
}
