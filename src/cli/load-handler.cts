// The one door from the CommonJS shell to the command handlers (ES modules, loaded only when a command runs).
// It stays a module of its own, outside the bundled shell: the shell may run through node:vm from V8's code
// cache (see main.cts), and import() there is refused on Node 20.

export type HandlerName = 'build' | 'init' | 'inspect' | 'validate' | 'publish' | 'definitions' | 'cache' | 'preview' | 'marketplace' | 'changes';

export function loadHandler(name: HandlerName): Promise<unknown> {
  return import(`./handlers/${name}.js`);
}
