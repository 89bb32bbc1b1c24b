export declare const executableName: string
export declare function findRuntime(): string | null
