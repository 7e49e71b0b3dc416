import { describe, expect, it } from 'vitest';
import { CONTROLS, DEFAULT_EMBED_PANELS, embedSnippet, embedUrl, originAllowed, parseEmbedConfig, PANELS, readOnlyAllows, replyTarget, SANDBOX, type SnippetOptions } from './config';

describe('parseEmbedConfig', () => {
  it('shows every panel and control outside embed mode', () => {
    const c = parseEmbedConfig('?scenario=ordered-scaling');
    expect(c.embed).toBe(false);
    expect([...c.panels]).toEqual([...PANELS]);
    expect([...c.controls]).toEqual([...CONTROLS]);
    expect(c.autoplay).toBe(true);
    expect(c.notices).toEqual([]);
  });

  it('gives an embed its default panels, without the editor', () => {
    const c = parseEmbedConfig('?embed');
    expect(c.embed).toBe(true);
    expect([...c.panels]).toEqual([...DEFAULT_EMBED_PANELS]);
    expect(c.panels.has('editor')).toBe(false);
  });

  it('reads the panels, controls and switches the issue names', () => {
    const c = parseEmbedConfig('?embed&view=canvas,terminal&controls=replicas,partition&editor=off&autoplay=0&speed=4&theme=dark&readonly&origin=https://course.example');
    expect([...c.panels].sort()).toEqual(['canvas', 'controls', 'terminal']);
    expect([...c.controls]).toEqual(['replicas', 'partition']);
    expect(c.autoplay).toBe(false);
    expect(c.speed).toBe(4);
    expect(c.theme).toBe('dark');
    expect(c.readonly).toBe(true);
    expect(c.origins).toEqual(['https://course.example']);
    expect(c.notices).toEqual([]);
  });

  it('turns one panel on or off on top of the view', () => {
    expect(parseEmbedConfig('?embed&editor=on').panels.has('editor')).toBe(true);
    expect(parseEmbedConfig('?embed&terminal=off').panels.has('terminal')).toBe(false);
    expect(parseEmbedConfig('?embed&controls=none').panels.has('controls')).toBe(false);
  });

  it('says what it did not understand and keeps a sensible default', () => {
    const c = parseEmbedConfig('?embed&view=canvas,tv&speed=3&theme=pink&autoplay=maybe&origin=javascript:alert(1)');
    expect([...c.panels]).toEqual(['canvas']);
    expect(c.speed).toBeNull();
    expect(c.theme).toBeNull();
    expect(c.autoplay).toBe(true);
    expect(c.notices.join('\n')).toMatch(/"tv" is not one of/);
    expect(c.notices.join('\n')).toMatch(/speed=3 is not one of/);
    expect(c.notices.join('\n')).toMatch(/theme=pink/);
    expect(c.notices.join('\n')).toMatch(/autoplay=maybe/);
    expect(c.notices.join('\n')).toMatch(/origin=javascript:alert\(1\) is not an origin/);
    // An origin was asked for and none was valid: nobody may drive the frame.
    expect(c.origins).toEqual([]);
    expect(originAllowed(c, 'https://course.example')).toBe(false);
  });

  it('checks message origins as configured', () => {
    const open = parseEmbedConfig('?embed');
    expect(originAllowed(open, 'https://anyone.example')).toBe(true);
    expect(replyTarget(open)).toBe('*');
    const one = parseEmbedConfig('?embed&origin=https://course.example:8443/');
    expect(one.origins).toEqual(['https://course.example:8443']);
    expect(originAllowed(one, 'https://course.example:8443')).toBe(true);
    expect(originAllowed(one, 'https://course.example')).toBe(false);
    expect(originAllowed(one, 'null')).toBe(false);
    expect(replyTarget(one)).toBe('https://course.example:8443');
    const two = parseEmbedConfig('?embed&origin=https://a.example,https://b.example');
    expect(originAllowed(two, 'https://b.example')).toBe(true);
    expect(replyTarget(two)).toBe('*');
    expect(parseEmbedConfig('?embed&origin=https://a.example/path').origins).toEqual([]);
  });

  it('reads lesson on and off', () => {
    expect(parseEmbedConfig('?embed').lesson).toBeNull();
    expect(parseEmbedConfig('?embed&lesson').lesson).toBe(true);
    expect(parseEmbedConfig('?embed&lesson=0').lesson).toBe(false);
  });
});

describe('embedSnippet', () => {
  const base: SnippetOptions = {
    base: 'https://sts.example/',
    scenario: { gallery: 'canary-partition' },
    panels: [...DEFAULT_EMBED_PANELS],
    controls: [...CONTROLS],
    autoplay: true,
    speed: 1,
    theme: 'auto',
    readonly: false,
    lesson: null,
    origin: '',
    title: 'A "canary" <b>',
    height: 560,
  };

  it('writes only what differs from the defaults, and the address reads back the same', () => {
    expect(embedUrl(base)).toBe('https://sts.example/?embed&scenario=canary-partition');
    const url = embedUrl({ ...base, panels: ['controls', 'canvas', 'terminal'], controls: ['replicas', 'partition'], autoplay: false, speed: 4, theme: 'dark', readonly: true, lesson: true, origin: 'https://course.example/' });
    const back = parseEmbedConfig(new URL(url).search);
    expect([...back.panels]).toEqual(['controls', 'canvas', 'terminal']);
    expect([...back.controls]).toEqual(['replicas', 'partition']);
    expect(back).toMatchObject({ embed: true, autoplay: false, speed: 4, theme: 'dark', readonly: true, lesson: true, origins: ['https://course.example'], notices: [] });
  });

  it('keeps a share fragment after the query', () => {
    expect(embedUrl({ ...base, scenario: { fragment: '#1.abc' } })).toBe('https://sts.example/?embed#1.abc');
  });

  it('escapes attributes and sandboxes the frame', () => {
    const html = embedSnippet(base);
    expect(html).toContain(`sandbox="${SANDBOX}"`);
    expect(html).toContain('title="StatefulSet Playground: A &quot;canary&quot; &lt;b&gt;"');
    expect(html).toContain('src="https://sts.example/?embed&amp;scenario=canary-partition"');
    expect(SANDBOX.split(' ')).toEqual(expect.arrayContaining(['allow-scripts', 'allow-same-origin']));
  });
});

describe('readOnlyAllows', () => {
  it.each([
    ['kubectl get pods -o wide', true],
    ['kubectl -n default get pods', true],
    ['kubectl describe sts web', true],
    ['kubectl rollout status sts/web', true],
    ['kubectl rollout history sts/web', true],
    ['kubectl exec web-0 -- cat /usr/share/nginx/html/index.html', true],
    ['timeout 30s kubectl get pods -w', true],
    ['sleep 10s', true],
    ['# a note', true],
    ['kubectl scale sts web --replicas=5', false],
    ['kubectl rollout undo sts/web', false],
    ['kubectl delete pod web-0', false],
    ['kubectl apply -f manifests.yaml', false],
    ['kubectl exec web-0 -- sh -c "echo hi > /tmp/x"', false],
    ['timeout 30s kubectl delete pod web-0', false],
    ['rm -rf /', false],
  ])('%s → %s', (line, allowed) => {
    expect(readOnlyAllows(line)).toBe(allowed);
  });
});
