// jStat ships no type declarations; treat the module as untyped.
declare module 'jstat';
