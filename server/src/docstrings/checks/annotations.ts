/**
 * What a numpy Returns (or Yields) section lists for a tuple annotation, as pydoclint reads it. The rest of
 * reading annotations is python/annotations.ts.
 */
import { subscriptArgs } from '../../python/annotations';
import { canonicalType } from './typeText';

/** numpy lets a Returns section list a tuple's elements one by one: the annotation's parts. */
export function decomposeTuple(annotation: string | null): string[] {
  if (annotation === null) return [];
  const head = /^\s*(tuple|Tuple)\s*\[/.exec(annotation);
  if (!head) return [annotation];
  if (canonicalType(annotation).toLowerCase() === 'tuple[]') return [];
  const args = subscriptArgs(annotation);
  if (!args) return [annotation];
  if (args[args.length - 1] === '...') return [annotation];
  return args;
}
