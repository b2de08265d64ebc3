// How a command-line script ends: main()'s number is the exit code, a thrown error is
// printed (its message, or its stack with `stack`) and exits 1; `finally` runs either way.
export function runMain(main: () => Promise<number>, options: { stack?: boolean; exit?: boolean; finally?: () => unknown } = {}): void {
  const end = (code: number) => {
    if (options.exit) process.exit(code);
    process.exitCode = code;
  };
  main()
    .then(end, (error: unknown) => {
      console.error(error instanceof Error ? (options.stack ? (error.stack ?? error.message) : error.message) : error);
      end(1);
    })
    .finally(() => options.finally?.());
}
