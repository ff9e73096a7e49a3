// `npm run dev`: the server with everything rebuilt on change. tsc recompiles src/ into dist/, vite
// rebuilds the web app into web/dist/, and node restarts the server when a file it runs changes. PORT,
// HOST, DATA_DIR and the other variables of `npm start` apply. Ctrl-C stops all three.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, parts } from './build.mjs';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

// The first build, as `npm start` does it, so that the server has something to run.
if (!build({ onlyChanged: true, say: (s) => process.stdout.write(`santei dev: ${s}\n`) })) process.exit(1);

const [server, web] = parts;
const children = [
  spawn(bin('tsc'), [...server.command.slice(1), '--watch', '--preserveWatchOutput'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(bin('vite'), [...web.command.slice(1), '--watch'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['--watch', 'dist/server/main.js'], { cwd: root, stdio: 'inherit' }),
];

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', stop);
