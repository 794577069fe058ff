/** Offsets → 1-based line and column, by a binary search over the line starts. */

export interface LineMap {
  readonly starts: readonly number[];
}

export function lineMap(text: string): LineMap {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return { starts };
}

export function lineCol(map: LineMap, pos: number): { line: number; col: number } {
  const s = map.starts;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: pos - s[lo] + 1 };
}
