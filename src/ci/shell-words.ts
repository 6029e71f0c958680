// Splits a CI input such as `--to service-catalog --resource-group "rg apps"` into arguments the way a POSIX
// shell would for plain words and quotes ('…' literal, "…" with \" \\ \$ \`, backslash outside quotes), and
// nothing more: no variables, globs or command substitution, so an input is never executed.

export class ShellWordsError extends Error {}

export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const add = (s: string) => {
    word = (word ?? '') + s;
  };
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new ShellWordsError(`unmatched ' in: ${text}`);
      add(text.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1])) s += text[++j];
        else s += text[j];
      }
      if (j >= text.length) throw new ShellWordsError(`unmatched " in: ${text}`);
      add(s);
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 < text.length && text[i + 1] !== '\n') add(text[i + 1]);
      i += 2;
    } else {
      add(c);
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
