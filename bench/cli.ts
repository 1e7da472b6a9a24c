/**
 * `ar-desk` straight from the sources (through tsx), for when the compiled CLI in dist/ cannot be
 * built: the bench then times this instead, and says so.
 */
import { main } from "../src/cli/main";

void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (status) => {
    process.exitCode = status;
  },
);
