import { main } from "./main";

// `npm run portal -- <command>`: the owner's command line for the invoice portal API.
process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
});
