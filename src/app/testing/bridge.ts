/**
 * A small handle for end-to-end tests and for curious users in the console:
 * `window.__sim.state()` reads the store, `window.__sim.run('kubectl get pods')`
 * runs a command. It reads and acts only through the store's public actions.
 */
import * as actions from '../store/actions';
import { useSim } from '../store/store';
import type {} from '../../protocol/test-bridge';

export function installTestBridge(): void {
  window.__sim = {
    state: () => useSim.getState(),
    run: (line) => actions.runCommand(line),
    apply: (text) => actions.applyManifests(text),
    setManifests: (text) => actions.setManifests(text),
    load: (text, play = true) => actions.loadScenario(text, { play }),
    play: actions.play,
    pause: actions.pause,
    speed: actions.setSpeed,
    step: actions.stepToNext,
    time: actions.currentVirtualTime,
  };
}
