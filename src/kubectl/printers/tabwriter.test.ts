import { describe, expect, it } from 'vitest';
import { describeTabWriter, kubectlTabWriter, TabWriter } from './tabwriter';

describe('kubectlTabWriter', () => {
  it('aligns a table flushed at once', () => {
    const tw = kubectlTabWriter();
    tw.write('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n');
    tw.write('web-0\t1/1\tRunning\t0\t10s\n');
    expect(tw.flush()).toBe('NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          10s\n');
  });

  it('pads each cell of a row flushed alone to max(6, len+3)', () => {
    const tw = kubectlTabWriter();
    tw.write('web-1\t0/1\tPending\t0\t0s\n');
    expect(tw.flush()).toBe('web-1   0/1   Pending   0     0s\n');
  });

  it('remembers column widths across flushes (kubectl get -w), growing but never shrinking', () => {
    // kubectl v1.32.4 `get pods -w` against a stub server: two pods listed, then two watch events
    const tw = kubectlTabWriter();
    tw.write('NAME\tAGE\nweb-0\t2y312d\nweb-1-long-name\t2y312d\né-unicode-ñame\t2y312d\n');
    let out = tw.flush();
    tw.write('web-2-a-much-longer-name-here\t2y312d\n');
    out += tw.flush();
    tw.write('w\t2y312d\n');
    out += tw.flush();
    expect(out).toBe("NAME              AGE\nweb-0             2y312d\nweb-1-long-name   2y312d\n\u00e9-unicode-\u00f1ame    2y312d\nweb-2-a-much-longer-name-here   2y312d\nw                               2y312d\n");
    expect(tw.rememberedWidths()).toEqual([32]);
    tw.setRememberedWidths([]);
    tw.write('w\t1s\n');
    expect(tw.flush()).toBe('w     1s\n');
  });

  it('returns everything written since the last flush, including blocks already completed', () => {
    const tw = kubectlTabWriter();
    tw.write('a\tb\n');
    tw.write('no tabs here\n'); // a single-cell line completes the block above
    tw.write('x\ty\n');
    expect(tw.flush()).toBe('a     b\nno tabs here\nx     y\n');
    expect(tw.flush()).toBe('');
  });

  it('keeps text without a final newline and accepts cells split across writes', () => {
    const tw = kubectlTabWriter();
    tw.write('NA');
    tw.write('ME\tAGE\nweb');
    tw.write('-0\t5s');
    expect(tw.flush()).toBe('NAME    AGE\nweb-0   5s');
  });

  it('counts width in code points', () => {
    const tw = kubectlTabWriter();
    tw.write('日本語テキスト\tx\n😀\ty\n');
    expect(tw.flush()).toBe('日本語テキスト   x\n😀         y\n');
  });
});

describe('text/tabwriter semantics (inputs printed through kubectl custom-columns)', () => {
  // [text written, kubectl v1.32.4 output]: cells holding tabs, newlines, \v and \f
  const FUZZ: [string, string][] = [
  ["N\tX\tEND\np0\t\ny\fy\fccccadddddddd\u65e5\u672ca\ud83d\ude00Runninga\tPod\np1\t\ndddddddd\ud83d\ude00\ud83d\ude00ay\f\t1/11/1\tPod\np2\t\tPod\np3\tweb-0cccc \u00e9 \t\ud83d\ude00adddddddd\tbb\ud83d\ude00ddddddddbb1/1x\u000ba\u65e5\u672c\t\tx\u000bcccc1/1\tPod\np4\tadddddddd\tPod\np5\tbb\t\tPod\n", "N     X     END\np0    \ny\ny\nccccadddddddd\u65e5\u672ca\ud83d\ude00Runninga   Pod\np1                          \ndddddddd\ud83d\ude00\ud83d\ude00ay\n                            1/11/1         Pod\np2                                         Pod\np3                          web-0cccc \u00e9    \ud83d\ude00adddddddd   bb\ud83d\ude00ddddddddbb1/1x   a\u65e5\u672c         x     cccc1/1   Pod\np4                          adddddddd      Pod\np5                          bb                          Pod\n"],
  ["N\tX\tEND\np0\tbb\u65e5\u672cRunning\u65e5\u672cweb-01/1\tRunning\n\nRunning\tcccc\tPod\np1\t\tPod\np2\t\tPod\np3\ty\fx\u000b\t \u00e9\n1/1\ty\f\t\tx\u000bweb-0y\fweb-0x\u000b\tcccc\t ccccbb\tPod\np4\tbbweb-0\ud83d\ude00\n\u00e9\ud83d\ude00ddddddddbbweb-0\ud83d\ude00cccc\ud83d\ude00dddddddd\ud83d\ude00a\t\ud83d\ude00\u65e5\u672c\tPod\np5\tbb\u00e9\tx\u000b\n\tweb-0\ud83d\ude00 1/1a\tPod\n", "N     X                       END\np0    bb\u65e5\u672cRunning\u65e5\u672cweb-01/1   Running\n\nRunning   cccc                    Pod\np1                                Pod\np2                                Pod\np3        y\nx                                  \u00e9\n1/1       y\n                                  x     web-0y\nweb-0x                                                      cccc    ccccbb   Pod\np4                                  bbweb-0\ud83d\ude00\n\u00e9\ud83d\ude00ddddddddbbweb-0\ud83d\ude00cccc\ud83d\ude00dddddddd\ud83d\ude00a   \ud83d\ude00\u65e5\u672c                     Pod\np5                                  bb\u00e9                     x      \n                                    web-0\ud83d\ude00 1/1a             Pod\n"],
  ["N\tX\tEND\np0\tccccy\fbbccccy\f\t y\fccccy\f\tx\u000b \t\tPod\np1\tdddddddd1/1y\f\ud83d\ude00bb\ud83d\ude00 \u65e5\u672c\u65e5\u672cbb\nx\u000b\u00e9\n\t\tweb-0web-0a\t\t\u65e5\u672c\tPod\np2\tbb\tddddddddbb\t\t\tPod\np3\tbb1/1web-01/1\u65e5\u672c\tbb\t\t\tcccc\t1/1cccc\tPod\np4\t cccc\t\t\u65e5\u672c\t\t1/1bbbb \tPod\np5\tbbweb-0Runningx\u000bRunningbb \tRunning\ud83d\ude00x\u000bbb x\u000b\u00e9 \nweb-0Runningweb-0\tdddddddd\tPod\n", "N     X     END\np0    ccccy\nbbccccy\n       y\nccccy\n      x                 Pod\np1    dddddddd1/1y\n\ud83d\ude00bb\ud83d\ude00 \u65e5\u672c\u65e5\u672cbb\nx                   \u00e9\n                                      web-0web-0a               \u65e5\u672c     Pod\np2                  bb                ddddddddbb                       Pod\np3                  bb1/1web-01/1\u65e5\u672c   bb                               cccc       1/1cccc   Pod\np4                   cccc                           \u65e5\u672c                 1/1bbbb    Pod\np5                  bbweb-0Runningx   Runningbb     Running\ud83d\ude00x   bb x   \u00e9 \nweb-0Runningweb-0   dddddddd          Pod\n"],
  ["N\tX\tEND\np0\t\u65e5\u672cweb-0web-0\tRunningdddddddd\n\ud83d\ude00a\t \ud83d\ude00 x\u000b\t\tPod\np1\t\n\t \ud83d\ude00\t\u00e9bby\f\u65e5\u672cy\f\tPod\np2\tweb-0web-0\u65e5\u672cx\u000bdddddddd\tPod\np3\t x\u000b \n\tPod\np4\t1/1\n cccc1/1cccc\ud83d\ude00\n\u00e9\t RunningbbRunningbb\n\n \ndddddddd\tPod\np5\t\taa\tx\u000bccccx\u000b\n\t\u65e5\u672c\ud83d\ude00web-0\tPod\n", "N     X              END\np0    \u65e5\u672cweb-0web-0   Runningdddddddd\n\ud83d\ude00a     \ud83d\ude00 x                       Pod\np1    \n       \ud83d\ude00             \u00e9bby\n\u65e5\u672cy\n      Pod\np2    web-0web-0\u65e5\u672cx   dddddddd   Pod\np3     x               \n      Pod\np4    1/1\n cccc1/1cccc\ud83d\ude00\n\u00e9      RunningbbRunningbb\n\n \ndddddddd   Pod\np5                         aa         x     ccccx   \n           \u65e5\u672c\ud83d\ude00web-0        Pod\n"],
  ["N\tX\tEND\np0\t \t\tdddddddd1/1x\u000bbbbbx\u000b\u00e9\n\t\t\t1/1dddddddd\n\u00e9x\u000bdddddddd\tPod\np1\tx\u000b\tweb-0\ud83d\ude001/1Running\nx\u000b\tPod\np2\t\ud83d\ude00 1/1ddddddddbb 1/1\tRunningweb-01/1 \n1/1\u65e5\u672cx\u000b\tPod\np3\tdddddddd\tPod\np4\tay\f \tccccy\f1/1cccc\t\n\ud83d\ude00\ud83d\ude00\u65e5\u672cy\fx\u000b\t\u00e9\tPod\np5\t\t1/1\t 1/1\tbbweb-0\na\ud83d\ude00 ddddddddweb-0\t\tPod\n", "N        X                     END\np0                                   dddddddd1/1x   bbbbx   \u00e9\n                                     1/1dddddddd\n\u00e9x       dddddddd              Pod\np1       x                           web-0\ud83d\ude001/1Running\nx                              Pod\np2       \ud83d\ude00 1/1ddddddddbb 1/1   Runningweb-01/1 \n1/1\u65e5\u672cx                         Pod\np3       dddddddd              Pod\np4       ay\n         ccccy\n1/1cccc   \n\ud83d\ude00\ud83d\ude00\u65e5\u672cy\nx                                        \u00e9     Pod\np5                                       1/1    1/1           bbweb-0\na\ud83d\ude00 ddddddddweb-0                         Pod\n"],
  ["N\tX\tEND\np0\ty\f\ndddddddd1/1\u65e5\u672caweb-0bb bbcccc\tRunning\t\t\n\tx\u000b\u00e9bb\t\u00e9\t\tPod\np1\t\t\ud83d\ude00bb\u65e5\u672c\t\u00e9\t\tx\u000bbb   \n\tabb\t\n\ud83d\ude00\tPod\np2\t\t Runningweb-0\t x\u000bx\u000b\t\tPod\np3\tbbweb-0bbcccc1/1\tbb\ud83d\ude00y\f \u65e5\u672c1/1\tPod\np4\ty\fcccc\u65e5\u672cx\u000bRunning\u00e9\tRunningaacccc\u65e5\u672cdddddddd\ta\tPod\np5\t\nddddddddddddddddy\f\ud83d\ude00ddddddddbb\tPod\n", "N     X     END\np0    y\n\ndddddddd1/1\u65e5\u672caweb-0bb bbcccc   Running           \n                               x         \u00e9bb     \u00e9           Pod\np1                                       \ud83d\ude00bb\u65e5\u672c   \u00e9           x     bb   \n                               abb       \n\ud83d\ude00                              Pod\np2                                                 Runningweb-0    x    x                 Pod\np3                             bbweb-0bbcccc1/1   bb\ud83d\ude00y\n \u65e5\u672c1/1                         Pod\np4                             y\ncccc\u65e5\u672cx                        Running\u00e9           Runningaacccc\u65e5\u672cdddddddd   a     Pod\np5                             \nddddddddddddddddy\n\ud83d\ude00ddddddddbb                    Pod\n"],
  ];
  for (const [input, want] of FUZZ) {
    it(JSON.stringify(input).slice(0, 60), () => {
      const tw = kubectlTabWriter();
      tw.write(input);
      expect(tw.flush()).toBe(want);
    });
  }
});

describe('describeTabWriter', () => {
  it('uses minwidth 0, padding 2', () => {
    const tw = describeTabWriter();
    tw.write('Name:\tweb\nNamespace:\tdefault\nLabels:\tapp=nginx\n\tx=y\n');
    expect(tw.flush()).toBe('Name:       web\nNamespace:  default\nLabels:     app=nginx\n            x=y\n');
  });
  it('does not remember widths between flushes', () => {
    const tw = describeTabWriter();
    tw.write('Long label:\tv\n');
    tw.flush();
    tw.write('A:\tv\n');
    expect(tw.flush()).toBe('A:  v\n');
  });
});

describe('TabWriter options', () => {
  it('pads with a custom character and rejects negative sizes', () => {
    const tw = new TabWriter({ minwidth: 0, tabwidth: 8, padding: 1, padchar: '.' });
    tw.write('a\tb\taligned\t\naa\tbb\taligned\t\naaa\tbbb\tunaligned\naaaa\tbbbb\taligned\t\n');
    expect(tw.flush()).toBe('a....b....aligned.\naa...bb...aligned.\naaa..bbb..unaligned\naaaa.bbbb.aligned.\n');
    expect(() => new TabWriter({ minwidth: -1, tabwidth: 0, padding: 0 })).toThrow();
  });
});
