/**
 * The binary search behind every "find in sorted tokens / lines / bindings" of the hover and the line index:
 * how many leading items satisfy `before`, for a predicate that is true for a prefix and false after it
 * (C++'s partition_point). One loop, so each caller states only its ordering.
 */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let low = 0, high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
