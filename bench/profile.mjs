/**
 * Where the link-worker model spends its time: a CPU profile (node:inspector, in-process) of one
 * inner-loop run, reduced to the functions with the most self time. The bench prints these beside
 * every inner-loop row that misses its target, so the next optimisation starts from a measurement.
 */
import { Session } from 'node:inspector';

/** Profile `fn` (synchronous) and return its top `n` functions by self time, with their share. */
export function topSelfTime(fn, n = 8) {
  const session = new Session();
  session.connect();
  const post = (method, params = {}) => {
    let out;
    session.post(method, params, (err, result) => {
      if (err) throw err;
      out = result;
    });
    return out; // the inspector answers synchronously within the same thread
  };
  post('Profiler.enable');
  post('Profiler.setSamplingInterval', { interval: 200 });
  post('Profiler.start');
  fn();
  const { profile } = post('Profiler.stop');
  session.disconnect();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id).callFrame;
    // Native frames other than the collector are the profiler itself (`dispatch` is its stop).
    if (!frame.url && frame.functionName !== '(garbage collector)') return;
    const file = frame.url
      .replace(/^.*\/dist\//, '')
      .replace(/^.*\/node_modules\//, '')
      .replace(/^file:\/\//, '');
    const key = frame.url ? `${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber + 1})` : frame.functionName;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([where, us]) => ({ where, share: us / total }));
}
