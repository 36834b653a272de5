// Types of chat-text.mjs (plain JavaScript so the generator's worker threads need no loader).
export declare function chatText(chars: number, stampMs: number): string;
export declare function stampOfText(text: string): number;
