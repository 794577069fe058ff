// Child process entry: starts one bench target and prints where it listens.
const [name, ext, ...args] = process.argv.slice(2);
const mod = (await import(`./targets/${name}${ext}`)) as { default: (args: string[]) => Promise<string> };
const url = await mod.default(args);
process.stdout.write(`LISTENING ${url}\n`);
process.on('SIGTERM', () => process.exit(0));
