/** Debian's chromium (playwright cannot download its own browsers here); PLENUM_CHROMIUM overrides it. */
export const chromiumPath = process.env.PLENUM_CHROMIUM ?? '/usr/bin/chromium';

/** The flags this machine's chromium needs headless (TOOLCHAIN.md, pitfall 10). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
