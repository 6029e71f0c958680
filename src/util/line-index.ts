// Offset → 1-based line and column, computed once per text and answered by binary search.

export interface Position {
  line: number;
  column: number;
  offset: number;
}

export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      const t = this.text;
      let from = 0;
      for (;;) {
        const nl = t.indexOf('\n', from);
        if (nl < 0) break;
        starts.push(nl + 1);
        from = nl + 1;
      }
      this.starts = starts;
    }
    return this.starts;
  }

  position(offset: number): Position {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    // A leading BOM is not a column anyone sees.
    const lineStart = starts[lo];
    const bom = lo === 0 && this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { line: lo + 1, column: Math.max(1, offset - lineStart + 1 - bom), offset };
  }
}
