// `npm start`: the server, at once when the build is current (`npm ci` builds, as `prepare`); a part whose
// sources changed since its build is rebuilt first (scripts/build.mjs). `npm run dev` rebuilds on change.
import { build } from './build.mjs';

if (!build({ onlyChanged: true, say: (s) => process.stdout.write(`santei: ${s}\n`) })) process.exit(1);
await import('../dist/server/main.js');
