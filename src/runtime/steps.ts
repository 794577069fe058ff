/**
 * Call steps compiled per function: the API's, then its controllers', then its own, in that
 * order, run one after another (synchronously while each is synchronous). A function without
 * steps has no runner at all, so the call path skips them for free.
 */
import type { StepContext } from '../api/context.ts';
import type { CallStep, StepTarget } from '../api/steps.ts';

/** Runs a function's steps; returns a promise only when a step did. */
export type StepRunner = (ctx: StepContext, args: Readonly<Record<string, unknown>>) => void | Promise<void>;

export function compileSteps(steps: readonly CallStep[], target: StepTarget): StepRunner | undefined {
  if (steps.length === 0) return undefined;
  if (steps.length === 1) {
    const only = steps[0]!;
    return (ctx, args) => only(ctx, args, target);
  }
  const list = [...steps];
  const from = (i: number, ctx: StepContext, args: Readonly<Record<string, unknown>>): void | Promise<void> => {
    for (; i < list.length; i++) {
      const out = list[i]!(ctx, args, target);
      if (out instanceof Promise) {
        const next = i + 1;
        return out.then(() => from(next, ctx, args));
      }
    }
  };
  return (ctx, args) => from(0, ctx, args);
}
