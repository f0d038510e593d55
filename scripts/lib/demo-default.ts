/**
 * `npm start` and `npm run seed` are the demo of the README's two commands: they ask for demo
 * mode (DEMO_MODE=1), which the server itself never assumes, unless the operator said otherwise:
 * DEMO_MODE set either way, or NODE_ENV=production (how a production start said "no demo" before
 * DEMO_MODE was required, so such a start never opens the stand-in provider).
 */
export function askForDemoModeUnlessSaidOtherwise(env: NodeJS.ProcessEnv = process.env): void {
  if (env.DEMO_MODE === undefined && env.NODE_ENV !== 'production') env.DEMO_MODE = '1';
}
