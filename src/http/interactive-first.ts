/**
 * Interactive work first: every request the app answers holds this process's interactive gate
 * (src/work/interactive-gate.ts) from its arrival until its response exists, so the background pass's
 * threads pause between two searches meanwhile. Probes (`/health`, `/ready`) and the metrics endpoint
 * do not hold it: a load balancer polling them must not slow the pass. A streamed answer (a
 * subscription's events) holds it only until its response starts.
 */
import type { Plugin } from 'graphql-yoga';
import { type InteractiveGate, interactiveGate } from '../work/interactive-gate.ts';

export function useInteractiveFirst(
  options: { readonly gate?: InteractiveGate; readonly except?: readonly string[] } = {},
): Plugin {
  const gate = options.gate ?? interactiveGate();
  const except = new Set(options.except ?? []);
  const holding = new WeakSet<Request>();
  return {
    onRequest({ request, url }) {
      if (except.has(url.pathname) || holding.has(request)) return;
      holding.add(request);
      gate.enter();
    },
    onResponse({ request }) {
      if (holding.delete(request)) gate.leave();
    },
  };
}
