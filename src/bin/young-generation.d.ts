// Types of young-generation.js (plain JavaScript: the command loads it before tsx or the bundle).
export declare const NO_YOUNG_GENERATION_GROWTH: string;
export declare function servesSnapshot(args: readonly string[]): boolean;
export declare function holdYoungGenerationFor(args: readonly string[]): boolean;
