// Types of heap-limit.js (plain JavaScript: the command loads it before tsx or the bundle).
export declare const LARGE_INPUT_BYTES: number;
export declare const RELAUNCHED: string;
export declare const LARGE_LOAD_SEMI_SPACE_MB: number;
export declare function childFlags(
  megabytes: number,
  context?: {
    readonly execArgv?: readonly string[];
    readonly env?: Readonly<Record<string, string | undefined>>;
  },
): string[];
export declare function dataFiles(args: readonly string[], option?: string): string[];
export declare function sizedFiles(args: readonly string[]): string[];
export declare function heapLimitFor(
  args: readonly string[],
  context?: {
    readonly execArgv?: readonly string[];
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly sizeOf?: (file: string) => number;
    readonly memoryBytes?: number;
  },
): number | null;
export declare function runWithHeapLimit(megabytes: number, script: string, args: readonly string[]): Promise<number>;
export declare function watchParent(env?: Readonly<Record<string, string | undefined>>): boolean;
