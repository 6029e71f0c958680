// A question whose answer is not shown as it is typed (a secure parameter on a terminal): raw mode, no echo,
// backspace handled, Ctrl-C and Ctrl-D end it without an answer. Only ever used when stdin is a terminal.

export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };
  output: NodeJS.WritableStream;
}

/** The typed answer, or undefined when the user gives up (Ctrl-C, Ctrl-D, end of input). */
export function askHidden(question: string, streams: PromptStreams = { input: process.stdin, output: process.stderr }): Promise<string | undefined> {
  const { input, output } = streams;
  return new Promise((resolve) => {
    let answer = '';
    const done = (value: string | undefined) => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    const onEnd = () => done(undefined);
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return done(answer);
        if (ch === '\u0003' || ch === '\u0004') return done(undefined);
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else if (ch >= ' ') answer += ch;
      }
    };
    output.write(question);
    input.setRawMode?.(true);
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}
