/** Modules the explorer's bundler (scripts/build-web.mjs) supplies at build time. */
declare module 'goldilocks:shipped' {
  /** The shipped scenario files (scenarios/*.yaml except sweeps and the JSON schema), as text. */
  export const SHIPPED: Array<{ file: string; text: string }>;
  /** name and version of package.json. */
  export const PACKAGE: { name: string; version: string };
}
