// An example course page driving an embedded StatefulSet Playground through postMessage.
// Plain script, no build step: copy it, change the scenario and the checks.
(function () {
  'use strict';

  // The exercise is a scenario file, written by the course author (the same format `npm run sim` reads).
  var EXERCISE = [
    'version: 1',
    'title: Canary exercise',
    'cluster:',
    '  seed: 7',
    'manifests: |',
    '  apiVersion: v1',
    '  kind: Service',
    '  metadata:',
    '    name: nginx',
    '  spec:',
    '    clusterIP: None',
    '    selector:',
    '      app: nginx',
    '    ports:',
    '    - port: 80',
    '      name: web',
    '  ---',
    '  apiVersion: apps/v1',
    '  kind: StatefulSet',
    '  metadata:',
    '    name: web',
    '  spec:',
    '    serviceName: nginx',
    '    replicas: 3',
    '    selector:',
    '      matchLabels:',
    '        app: nginx',
    '    template:',
    '      metadata:',
    '        labels:',
    '          app: nginx',
    '      spec:',
    '        containers:',
    '        - name: nginx',
    '          image: nginx:1.27',
    '    volumeClaimTemplates:',
    '    - metadata:',
    '        name: www',
    '      spec:',
    '        accessModes: ["ReadWriteOnce"]',
    '        resources:',
    '          requests:',
    '            storage: 1Gi',
    'steps:',
    '- kubectl rollout status statefulset/web',
    '',
  ].join('\n');

  var ANSWER = [
    'kubectl patch statefulset web -p \'{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}\'',
    'kubectl set image statefulset/web nginx=nginx:1.28',
    'kubectl rollout status statefulset/web',
  ];

  var lessonFrame = document.getElementById('lesson-frame');
  var tryFrame = document.getElementById('try-frame');
  var log = document.getElementById('log');
  var verdict = document.getElementById('verdict');

  // Frame 2 may be driven only by this page: its address names our origin, and we name its origin when posting.
  var playgroundBase = new URL('./', location.href);
  tryFrame.src = playgroundBase.href + '?embed&view=controls,canvas,timeline,terminal,events&controls=replicas,partition,image,rollout&speed=8&origin=' + encodeURIComponent(location.origin);
  var tryOrigin = playgroundBase.origin;

  function write(line) {
    log.textContent += line + '\n';
    log.scrollTop = log.scrollHeight;
  }

  // Requests carry an id; the reply (sts:result, sts:state or sts:error) carries it back.
  var nextId = 1;
  var waiting = {};
  function send(message) {
    var id = 'req-' + nextId++;
    message.id = id;
    return new Promise(function (resolve) {
      waiting[id] = resolve;
      tryFrame.contentWindow.postMessage(message, tryOrigin);
    });
  }

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || typeof m.type !== 'string' || m.type.indexOf('sts:') !== 0) return;
    // Only our two frames, and each from the origin it must have (a frame sandboxed without allow-same-origin is "null").
    if (e.source === lessonFrame.contentWindow && e.origin === 'null') {
      if (m.type === 'sts:ready') document.getElementById('lesson-status').textContent = 'ready (' + m.engine + ' engine, storage ' + (m.storage ? 'on' : 'off') + (m.readonly ? ', read-only' : '') + ')';
      return;
    }
    if (e.source !== tryFrame.contentWindow || e.origin !== tryOrigin) return;
    if (m.type === 'sts:ready') {
      document.getElementById('try-status').textContent = 'ready (' + m.engine + ' engine)';
      setButtons(true);
    } else if (m.type === 'sts:step') {
      write('step   $ ' + m.command + '  (exit ' + m.exitCode + ')');
    } else if (m.type === 'sts:status') {
      var s = m.set;
      write(s.exists ? 'status ' + s.name + ': ' + s.status.readyReplicas + '/' + s.spec.replicas + ' ready, ' + s.status.updatedReplicas + ' updated, partition ' + s.spec.partition : 'status ' + s.name + ': deleted');
    } else if (m.type === 'sts:error') {
      write('error  ' + m.error);
    }
    if (m.id && waiting[m.id]) {
      waiting[m.id](m);
      delete waiting[m.id];
    }
  });

  var buttons = document.querySelectorAll('.buttons button');
  function setButtons(on) {
    buttons.forEach(function (b) { b.disabled = !on; });
  }
  setButtons(false);

  function on(id, fn) {
    document.getElementById(id).addEventListener('click', fn);
  }
  on('load', function () {
    verdict.textContent = '';
    send({ type: 'sts:load', scenario: EXERCISE }).then(function (r) {
      write(r.ok ? 'loaded the exercise' : 'could not load: ' + r.error);
    });
  });
  on('scale5', function () { send({ type: 'sts:run', command: 'kubectl scale statefulset web --replicas=5' }); });
  on('show', function () {
    ANSWER.reduce(function (p, command) {
      return p.then(function () { return send({ type: 'sts:run', command: command }); });
    }, Promise.resolve());
  });
  on('play', function () { send({ type: 'sts:play' }); });
  on('pause', function () { send({ type: 'sts:pause' }); });
  on('step', function () { send({ type: 'sts:step' }); });
  on('reset', function () {
    verdict.textContent = '';
    send({ type: 'sts:reset' });
  });

  // The check reads the cluster's state and says what is still wrong.
  on('check', function () {
    send({ type: 'sts:state' }).then(function (r) {
      var st = r.state;
      var set = st.sets.filter(function (s) { return s.name === 'web' && s.exists; })[0];
      var problems = [];
      if (!set) problems.push('the StatefulSet web is gone');
      else {
        if (set.spec.images[0] !== 'nginx:1.28') problems.push('the template still runs ' + set.spec.images[0]);
      }
      if (set && !problems.length) {
        var pods = {};
        st.pods.forEach(function (p) { pods[p.name] = p; });
        var update = set.status.updateRevision;
        var current = set.status.currentRevision;
        ['web-0', 'web-1'].forEach(function (n) {
          if (!pods[n]) problems.push(n + ' is missing');
          else if (pods[n].revision !== current || current === update) problems.push(n + ' left the old revision');
        });
        var canary = pods['web-2'];
        if (!canary || canary.revision !== update || canary.ready !== '1/1') problems.push('web-2 is not Ready on the new revision yet');
      }
      verdict.className = problems.length ? 'fail' : 'pass';
      verdict.textContent = problems.length ? 'Not yet: ' + problems.join('; ') + '.' : 'Correct: web-2 is the canary, web-0 and web-1 kept the old revision.';
    });
  });
})();
